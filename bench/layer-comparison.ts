import { randomUUID } from 'node:crypto';
import { execute, isObjectType, parse, validate, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { RequestScope, type Viewer } from '../server/src/database/request-scope.js';
import type { Context } from '../server/src/graphql/context.js';
import { createLoaders } from '../server/src/graphql/loaders.js';
import type { Services } from '../server/src/graphql/services.js';
import { createLogger } from '../server/src/logger.js';
import { ROSTER_QUERY } from './api-measures.js';
import { handwrittenSchema as rosterSchema } from './handwritten-schema.js';
import { measureThroughput, round, spreadOf, type RatioSpread, type ThroughputResult } from './harness.js';

/** type-graphql must keep at least this share of hand-written graphql-js's throughput. */
/** Rounds of the layer comparison. */
export const LAYER_ROUNDS = 5;

export const LAYER_RATIO_BUDGET = 0.95;

export interface LayerComparison {
  name: string;
  query: string;
  typeGraphql: ThroughputResult;
  handwritten: ThroughputResult;
  /** Throughput of type-graphql over the hand-written schema; the budget is LAYER_RATIO_BUDGET. */
  ratio: number;
  /** The ratio of each side-by-side round: the budget holds only if it holds in every round. */
  spread: RatioSpread;
  pass: boolean;
  /** Time spent in graphql execution alone (no database), per request, for both. */
  executionOnlyMicroseconds?: ExecutionOnly;
}

export interface ExecutionOnly {
  typeGraphql: number;
  handwritten: number;
  ratio: number;
  /** type-graphql with every plain field read by graphql-js's default resolver instead of its own simple one. */
  withPlainFieldsReadDirectly: number;
}

const silent = createLogger('silent');

/** A context as the HTTP app builds it (http/app.ts buildContext), for in-process execution. */
function contextFor(dataSource: DataSource, viewer: Viewer, services: Services): Context {
  const scope = new RequestScope(dataSource, viewer, { statementTimeoutMs: 30_000 });
  const db = () => scope.db();
  return { requestId: randomUUID(), viewer, authFailure: null, clientAddress: '127.0.0.1', scope, db, loaders: createLoaders(db), services, log: silent };
}

async function run(schema: GraphQLSchema, document: DocumentNode, dataSource: DataSource, viewer: Viewer, services: Services, variables: Record<string, unknown>) {
  const contextValue = contextFor(dataSource, viewer, services);
  try {
    const result = await execute({ schema, document, contextValue, variableValues: variables });
    if (result.errors?.length) throw new Error(result.errors.map((error) => error.message).join('; '));
    return result;
  } finally {
    await contextValue.scope.rollback();
  }
}

/**
 * The same roster query, resolved by the same service functions in the same request scope,
 * executed in process by graphql-js against the type-graphql schema and against a hand-written
 * one: the difference is the schema layer alone (argument classes, validation, auth checker,
 * middlewares type-graphql wraps around resolvers).
 */
export async function compareLayers(
  apiSchema: GraphQLSchema,
  dataSource: DataSource,
  viewer: Viewer,
  services: Services,
  options: { concurrency: number; seconds: number },
  subject: { name: string; query: string; variables: Record<string, unknown>; handwritten: GraphQLSchema; memberFields: boolean } = {
    name: 'roster, 50 members',
    query: ROSTER_QUERY,
    variables: { first: 50, standing: 'CURRENT' },
    handwritten: rosterSchema,
    memberFields: true,
  },
): Promise<LayerComparison> {
  const handwrittenSchema = subject.handwritten;
  const document = parse(subject.query);
  for (const schema of [apiSchema, handwrittenSchema]) {
    const problems = validate(schema, document);
    if (problems.length) throw new Error(`${subject.name} query does not validate: ${problems.map((problem) => problem.message).join('; ')}`);
  }
  const variables = subject.variables;
  const typeGraphql = () => run(apiSchema, document, dataSource, viewer, services, variables).then(() => undefined);
  const handwritten = () => run(handwrittenSchema, document, dataSource, viewer, services, variables).then(() => undefined);

  // Same answers first: the comparison means nothing otherwise.
  const [a, b] = await Promise.all([
    run(apiSchema, document, dataSource, viewer, services, variables),
    run(handwrittenSchema, document, dataSource, viewer, services, variables),
  ]);
  if (JSON.stringify(a.data) !== JSON.stringify(b.data)) throw new Error('the hand-written schema answers differently from the API');

  // Alternate the two in rounds, each round's pair in the other order than the last, so that a busy
  // moment of the machine (or its warming) favours neither.
  const rounds = LAYER_ROUNDS;
  const typeResults: ThroughputResult[] = [];
  const handResults: ThroughputResult[] = [];
  const each = { concurrency: options.concurrency, seconds: options.seconds / rounds, warmUp: 20 };
  for (let index = 0; index < rounds; index += 1) {
    if (index % 2 === 0) {
      typeResults.push(await measureThroughput(typeGraphql, each));
      handResults.push(await measureThroughput(handwritten, each));
    } else {
      handResults.push(await measureThroughput(handwritten, each));
      typeResults.push(await measureThroughput(typeGraphql, each));
    }
  }
  const combine = (results: ThroughputResult[]): ThroughputResult => {
    const requests = results.reduce((sum, result) => sum + result.requests, 0);
    const seconds = results.reduce((sum, result) => sum + result.seconds, 0);
    const p50s = results.map((result) => result.p50).sort((x, y) => x - y);
    const p95s = results.map((result) => result.p95).sort((x, y) => x - y);
    return {
      concurrency: options.concurrency,
      seconds: round(seconds),
      requests,
      perSecond: round(requests / seconds, 1),
      p50: p50s[Math.floor(p50s.length / 2)],
      p95: p95s[Math.floor(p95s.length / 2)],
      errors: results.reduce((sum, result) => sum + result.errors, 0),
    };
  };
  const typeGraphqlResult = combine(typeResults);
  const handwrittenResult = combine(handResults);

  // The schema layer without the database: resolve against rows already read.
  const executionOnly = await executionOnlyCost(apiSchema, handwrittenSchema, document, dataSource, viewer, services, variables, subject.memberFields);

  const ratio = round(typeGraphqlResult.perSecond / handwrittenResult.perSecond, 3);
  const spread = spreadOf(typeResults.map((result, index) => round(result.requests / result.seconds / (handResults[index].requests / handResults[index].seconds), 3)));
  return {
    name: subject.name,
    query: subject.query,
    typeGraphql: typeGraphqlResult,
    handwritten: handwrittenResult,
    ratio,
    spread,
    // The run's ratio, of all its rounds side by side; a round alone (a few seconds on a shared
    // machine) moves by a tenth either way, which the spread reports.
    pass: ratio >= LAYER_RATIO_BUDGET,
    executionOnlyMicroseconds: executionOnly,
  };
}

/**
 * Runs `work` with some of the API schema's resolvers replaced, then puts them back: how much
 * a change to the resolvers would save, measured without changing the server. Nothing else uses
 * the schema meanwhile (the HTTP measures are over).
 */
async function withPlainFieldsReadDirectly<T>(schema: GraphQLSchema, work: () => Promise<T>): Promise<T> {
  const restore: Array<() => void> = [];
  const replace = (field: { resolve?: GraphQLFieldResolver<unknown, unknown> }, resolve: GraphQLFieldResolver<unknown, unknown> | undefined) => {
    const original = field.resolve;
    field.resolve = resolve;
    restore.push(() => {
      field.resolve = original;
    });
  };
  try {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const source = field.resolve?.toString() ?? '';
        if (source.includes('root[fieldMetadata.name]')) replace(field, undefined);
      }
    }
    return await work();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}

/**
 * Execution cost of each schema with the database taken out: the request scope's transaction is
 * replaced by an EntityManager stand-in that answers the roster's two statements from memory.
 */
async function executionOnlyCost(
  apiSchema: GraphQLSchema,
  handwrittenSchema: GraphQLSchema,
  document: DocumentNode,
  dataSource: DataSource,
  viewer: Viewer,
  services: Services,
  variables: Record<string, unknown>,
  memberFields: boolean,
): Promise<ExecutionOnly> {
  const recorded = new Map<string, unknown>();
  const replayed = (db: { query: (sql: string, parameters?: unknown[]) => Promise<unknown> }) => async (sql: string, parameters?: unknown[]) => {
    const key = `${sql}\u0000${JSON.stringify(parameters ?? [])}`;
    if (!recorded.has(key)) recorded.set(key, await db.query(sql, parameters));
    return structuredClone(recorded.get(key));
  };
  // Raw queries are answered from memory once recorded. A resolver that reaches the database some
  // other way (a TypeORM query builder or repository, as the tenant loader of the comparison does)
  // gets a real transaction of its own per request; the roster needs none.
  const usesQueryBuilders = !memberFields;
  const contexts: Context[] = [];
  const contextWith = async (): Promise<Context> => {
    const context = contextFor(dataSource, viewer, services);
    let fakeDb: unknown;
    if (usesQueryBuilders) {
      const realDb = await context.scope.db();
      const query = replayed(realDb);
      fakeDb = new Proxy(realDb, { get: (target, property, receiver) => (property === 'query' ? query : Reflect.get(target, property, receiver)) });
    } else {
      fakeDb = { query: replayed({ query: (sql, parameters) => recorderDb.then((db) => db.query(sql, parameters)) }) };
    }
    const db = async () => fakeDb as never;
    const built = { ...context, db, loaders: createLoaders(db) };
    contexts.push(built);
    return built;
  };
  const finish = async () => {
    for (const context of contexts.splice(0)) await context.scope.rollback();
  };
  const recorder = contextFor(dataSource, viewer, services);
  const recorderDb = recorder.db();
  try {
    if (!usesQueryBuilders) {
      await execute({ schema: apiSchema, document, contextValue: await contextWith(), variableValues: variables });
      await finish();
      await recorder.scope.rollback();
    }
    return await timeVariants();
  } finally {
    await finish();
    await recorder.scope.rollback();
  }

  async function timeVariants(): Promise<ExecutionOnly> {
    await execute({ schema: apiSchema, document, contextValue: await contextWith(), variableValues: variables });
    await finish();
    const baseline = JSON.stringify((await execute({ schema: apiSchema, document, contextValue: await contextWith(), variableValues: variables })).data);
    await finish();
    const time = async (schema: GraphQLSchema) => {
      const check = await execute({ schema, document, contextValue: await contextWith(), variableValues: variables });
      await finish();
      if (JSON.stringify(check.data) !== baseline) throw new Error('a schema variant answers differently from the API');
      const iterations = memberFields ? 500 : 40;
      for (let index = 0; index < iterations / 10; index += 1) {
        await execute({ schema, document, contextValue: await contextWith(), variableValues: variables });
        await finish();
      }
      const started = performance.now();
      for (let index = 0; index < iterations; index += 1) {
        const result = await execute({ schema, document, contextValue: await contextWith(), variableValues: variables });
        await finish();
        if (result.errors?.length) throw new Error(result.errors[0].message);
      }
      return ((performance.now() - started) * 1000) / iterations;
    };
    const typeGraphql = await time(apiSchema);
    const handwritten = await time(handwrittenSchema);
    const withPlainFields = await withPlainFieldsReadDirectly(apiSchema, () => time(apiSchema));
    return {
      typeGraphql: round(typeGraphql, 1),
      handwritten: round(handwritten, 1),
      ratio: round(handwritten / typeGraphql, 3),
      withPlainFieldsReadDirectly: round(withPlainFields, 1),
    };
  }
}
