import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import { Kind, type FormattedExecutionResult, type OperationDefinitionNode } from 'graphql';
import { todayInVietnam } from '../calendar.js';
import type { Context } from './context.js';

/** The fields whose answers are kept: the costly reads many people ask for in the same form. */
const KEPT_FIELDS = new Set(['provinceDashboard', 'nationalComparison']);
/** Answers kept at most (a dashboard is tens of kilobytes): the oldest asked goes first. */
const KEPT_ANSWERS = 256;

/**
 * An answer as it was computed, and its JSON text, written once when it is first sent again (the
 * HTTP layer keeps its compressed forms beside it: http/compressed-answers.ts). A dashboard is some
 * 60 kB of JSON and the comparison 100 kB: writing them out and compressing them again for every
 * viewer cost more than finding them.
 */
export class KeptAnswer {
  private text?: string;

  constructor(readonly result: FormattedExecutionResult) {}

  /** The answer's JSON, as the GraphQL integration writes a single result (fields in its order, a newline after). */
  json(): string {
    this.text ??= `${JSON.stringify({ errors: this.result.errors, data: this.result.data, extensions: this.result.extensions })}\n`;
    return this.text;
  }
}

/** Where the HTTP layer finds the kept answer a request is to be sent, in place of the body the integration writes. */
export interface KeptBody {
  answer?: KeptAnswer;
}

/** What a kept answer's request hands the integration: nothing to write out, as the kept text is sent instead. */
const SENT_AS_KEPT: FormattedExecutionResult = { data: null };

/** Kept answers of this process, by the key they were computed under; exported for the tests. */
export interface KeptAnswers {
  hits: number;
  misses: number;
  clear(): void;
}

/**
 * Keeps the answers of the dashboards and the national comparison, and hands a kept answer to the
 * next viewer who asks the same thing, until a write changes what it was computed from.
 *
 * The key holds the question (the query text, its operation and variables), who may see what
 * (role, province, club), the day (answers count days: what is overdue, a month not yet over),
 * and the revision of the viewer's data (ishc.answer_revision(), moved by every committed write to
 * the province's rows or to national tables: migrations/1764910000000-answer-revisions.ts). The
 * revision is read in the request's own transaction before anything else: an answer computed after
 * it holds every write up to it, so a kept answer is never older than its key, and a write is seen
 * by the next request after it commits. Asked again while it is being computed, an answer is
 * computed once: the later requests wait for the first.
 */
export function keptAnswersPlugin(): ApolloServerPlugin<Context> & { kept: KeptAnswers } {
  const answers = new Map<string, KeptAnswer>();
  const computing = new Map<string, Promise<KeptAnswer | null>>();
  const kept: KeptAnswers = {
    hits: 0,
    misses: 0,
    clear() {
      answers.clear();
      kept.hits = 0;
      kept.misses = 0;
    },
  };
  return {
    kept,
    async requestDidStart() {
      let computed: { key: string; done: (answer: KeptAnswer | null) => void } | undefined;
      return {
        async responseForOperation(requestContext: GraphQLRequestContext<Context>) {
          const key = await keyOf(requestContext);
          if (key === null) return null;
          const answer = answers.get(key) ?? (await computing.get(key));
          if (answer) {
            kept.hits += 1;
            // Most recently asked last: the first in the map is the one to let go.
            answers.delete(key);
            answers.set(key, answer);
            // The HTTP layer sends the kept text (compressed as kept) in place of the integration's
            // body; without that layer (a request made without HTTP) the answer itself goes.
            const body = requestContext.contextValue.keptBody;
            if (body) body.answer = answer;
            // Said in a header, for whoever looks into a slow or a fast answer.
            return {
              http: { status: undefined, headers: new HeaderMap([['x-kept-answer', 'yes']]) },
              body: { kind: 'single', singleResult: body ? SENT_AS_KEPT : answer.result },
            };
          }
          kept.misses += 1;
          let done!: (answer: KeptAnswer | null) => void;
          computing.set(key, new Promise((resolve) => (done = resolve)));
          computed = { key, done };
          return null;
        },
        async willSendResponse({ response }) {
          if (!computed) return;
          const { key, done } = computed;
          computing.delete(key);
          const body = response.body;
          const answer = body.kind === 'single' && !body.singleResult.errors?.length && body.singleResult.data ? new KeptAnswer(body.singleResult) : null;
          if (answer) {
            answers.set(key, answer);
            if (answers.size > KEPT_ANSWERS) answers.delete(answers.keys().next().value as string);
          }
          done(answer);
        },
      };
    },
  };
}

async function keyOf({ operation, contextValue, request, source }: GraphQLRequestContext<Context>): Promise<string | null> {
  const viewer = contextValue.viewer;
  if (!viewer || !operation || !isKept(operation) || !source) return null;
  // Read with the scope when this is the request's first statement (it is: nothing runs before it).
  const revision = await contextValue.scope.revision();
  return JSON.stringify([revision, todayInVietnam(), viewer.role, viewer.tenantId, viewer.clubId, source, operation.name?.value ?? null, request.variables ?? {}]);
}

/**
 * A query whose root selections are kept fields, beside the `__typename` the client's cache asks for
 * (no fragments, directives or other fields).
 */
function isKept(operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query') return false;
  const fields = operation.selectionSet.selections.filter((selection) => !(selection.kind === Kind.FIELD && selection.name.value === '__typename' && !selection.alias));
  return fields.length > 0 && fields.every((selection) => selection.kind === Kind.FIELD && KEPT_FIELDS.has(selection.name.value) && !selection.directives?.length);
}
