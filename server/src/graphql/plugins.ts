import { createRequire } from 'node:module';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Context } from './context.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../database/unavailable.js';
import { ErrorCode, formatError, isClientError } from './errors.js';
import { LIMITS } from './limits.js';

// The package's ESM build imports graphql's .mjs files, a second copy of graphql beside the one
// every other module loads; its CommonJS build shares the one copy.
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof import('graphql-query-complexity');

/**
 * Ends the request's transaction: a mutation without errors commits, anything else rolls back,
 * so a mutation is all or nothing and a query can never write. The connection goes back to the
 * pool in every case.
 */
export function transactionPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext: GraphQLRequestContext<Context>) {
          await endTransaction(requestContext);
          // Here, not in a plugin of its own: Apollo runs these hooks side by side, and a commit
          // that finds the database gone changes the answer only when it ends.
          markUnavailable(requestContext.response);
        },
      };
    },
  };
}

/**
 * An answer with an error saying the database is unavailable goes out as 503 with Retry-After,
 * so that clients, proxies and load balancers treat it as "try again", not as a failure.
 */
function markUnavailable(response: GraphQLRequestContext<Context>['response']): void {
  const body = response.body;
  const errors = body?.kind === 'single' ? body.singleResult.errors : body?.initialResult.errors;
  if (!errors?.some((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
  response.http.status = 503;
  response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
}

async function endTransaction({ contextValue, operation, response, errors }: GraphQLRequestContext<Context>): Promise<void> {
  const scope = contextValue.scope;
  const body = response.body;
  const single = body?.kind === 'single' ? body : undefined;
  const failed = (errors?.length ?? 0) > 0 || (single?.singleResult.errors?.length ?? 0) > 0;
  if (operation?.operation !== 'mutation' || failed) {
    const ended = scope.rollback().catch((error: unknown) => contextValue.log.error({ err: error }, 'rollback failed'));
    // A read's answer need not wait for its transaction to end: it wrote nothing, and its
    // connection returns to the pool once ended. A failed mutation's answer waits, so that
    // a retry never finds the first attempt's locks still held.
    if (operation?.operation === 'mutation') await ended;
    return;
  }
  try {
    await scope.commit();
  } catch (error) {
    contextValue.log.error({ err: error }, 'commit failed');
    if (single) {
      // A connection lost during COMMIT leaves the outcome unknown: the change may be saved. That is
      // no "try again" (SERVICE_UNAVAILABLE), which would record a change without a key twice.
      const formatted = isDatabaseUnavailable(error)
        ? {
            message: 'The connection to the database was lost while the change was being saved, so it may have been saved. Look before sending it again; a payment sent again with the same key is recorded once.',
            extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
          }
        : formatError({ message: 'The change could not be saved.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }, error);
      single.singleResult = { data: null, errors: [formatted] };
    }
  }
}

/** Costs remembered per parsed operation (Apollo hands the same document for the same query text). */
const COSTS_PER_DOCUMENT = 64;

/** Refuses operations whose estimated cost is above the limit, before anything executes. */
export function complexityPlugin(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  // A cost depends on the document, the operation chosen and the variables (a page size), not on
  // the viewer: the same request is estimated once.
  const costs = new WeakMap<DocumentNode, Map<string, number | null>>();
  const costOf = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number | null => {
    let known = costs.get(document);
    if (!known) costs.set(document, (known = new Map()));
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
    let cost = known.get(key);
    if (cost === undefined) {
      try {
        cost = getComplexity({
          schema,
          query: document,
          operationName,
          variables,
          estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
        });
      } catch {
        // Variables that do not fit their types: execution refuses them next, before any resolver.
        cost = null;
      }
      if (known.size >= COSTS_PER_DOCUMENT) known.delete(known.keys().next().value as string);
      known.set(key, cost);
    }
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          const complexity = costOf(document, operationName ?? undefined, request.variables ?? {});
          if (complexity !== null && complexity > LIMITS.maxComplexity) {
            throw new GraphQLError(
              `The query is too expensive (cost ${complexity}, at most ${LIMITS.maxComplexity}). Ask for fewer items or fields.`,
              { extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}

/** One log line per operation: request id, tenant, user, operation, duration, outcome. */
export function loggingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (!isClientError(error)) contextValue.log.error({ err: error.originalError ?? error }, 'operation failed');
          }
        },
        async willSendResponse({ operationName, operation, errors }) {
          const viewer = contextValue.viewer;
          contextValue.log.info(
            {
              tenant: viewer?.tenantId ?? null,
              user: viewer?.userId ?? null,
              role: viewer?.role ?? null,
              operation: operationName ?? operation?.operation ?? null,
              durationMs: Number(process.hrtime.bigint() - startedAt) / 1e6,
              errors: errors?.map((error) => error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql',
          );
        },
      };
    },
  };
}
