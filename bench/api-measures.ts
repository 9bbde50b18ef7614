import { randomBytes } from 'node:crypto';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { todayInVietnam } from '../server/src/calendar.js';
import { autoQuery, type AutoQuery } from './auto-query.js';
import { clientOperation } from './client-operations.js';
import { AS_OF } from './dataset/generate.js';
import type { Fixtures } from './fixtures.js';
import { measureLatency, type Account, type BenchServer, type GraphQLBody, type LatencyResult } from './harness.js';

export interface Measure {
  name: string;
  /** Who sends it. */
  account?: Account;
  operation: string;
  budgetP95Ms: number | null;
  budgetStatements: number;
  result?: LatencyResult;
  /** Why it was not measured (a query not in the schema yet, an error). */
  unavailable?: string;
  note?: string;
  pass?: boolean;
}

/** The client's roster query (client/src/club/members/ClubMembers.graphql with its fragment). */
export const ROSTER_QUERY = `query ClubMembers($first: Int!, $standing: MemberStanding!) {
  members(first: $first, standing: $standing) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id fullName sex birthYear age older boardRole homeCareVolunteer needsHomeCare poorHousehold nearPoorHousehold duplicateStatus joinedOn leftOn } }
  }
}`;

/** The roster with the relations a page may add (hamlet, club), to see that loaders batch them. */
const ROSTER_WITH_RELATIONS = `query ClubMembersWithRelations($first: Int!) {
  members(first: $first, standing: ALL) {
    totalCount
    edges { node { id fullName hamlet { id name } club { id name } } }
  }
}`;

const SET_ATTENDANCE = `mutation SetAttendance($input: SetAttendanceInput!) { setAttendance(input: $input) { id version } }`;
const RECORD_REPAYMENT = `mutation RecordRepayment($input: RecordRepaymentInput!) { recordRepayment(input: $input) { id principal paidOn } }`;

function failure(body: GraphQLBody): string | null {
  if (body.errors?.length) return body.errors.map((error) => `${String(error.extensions?.code ?? '')} ${error.message}`).join('; ');
  return null;
}

async function timedPost(server: BenchServer, token: string, query: string, variables: Record<string, unknown>): Promise<number> {
  const { json } = await server.post({ query, variables }, token);
  const problem = failure(json);
  if (problem) throw new Error(problem);
  return server.lastServerMs();
}

/** The dataset's last month: its figures are the same whatever day the bench runs. */
function currentMonth(): string {
  return AS_OF.slice(0, 7);
}

export async function runApiMeasures(
  server: BenchServer,
  schema: GraphQLSchema,
  fixtures: Fixtures,
  options: { warmUp: number; samples: number; log: (message: string) => void },
): Promise<{ measures: Measure[]; rosterGrowth: Array<{ first: number; returned: number; statements: number; dataStatements: number }>; queries: Record<string, string> }> {
  const staffToken = await server.token(fixtures.staff);
  const measures: Measure[] = [];
  const queries: Record<string, string> = {};
  const runId = randomBytes(4).toString('hex');

  // The client's own operation when it has one (what the screen sends), else a query built from the schema.
  // afresh: every request under a key of its own (an extra variable the query ignores), so no kept answer serves it.
  const auto = async (name: string, field: string, clientName: string, account: Account, values: Record<string, unknown>, budget: number | null, afresh = false): Promise<void> => {
    const token = await server.token(account);
    let fromClient = schema.getQueryType()?.getFields()[field] ? await clientOperation(clientName) : null;
    let note: string | undefined;
    const problems = fromClient ? validate(schema, parse(fromClient)) : [];
    if (problems.length) {
      note = `the client's ${clientName} does not validate against the server's schema (${problems[0].message}); measured a query built from the schema`;
      fromClient = null;
    }
    const built: AutoQuery = fromClient ? { query: fromClient, variables: values } : autoQuery(schema, field, values, { maxDepth: 3 });
    const measure: Measure = { name, account, operation: fromClient ? `${clientName} (client/src)` : field, budgetP95Ms: budget, budgetStatements: 10, note };
    measures.push(measure);
    if ('unavailable' in built) {
      measure.unavailable = built.unavailable;
      options.log(`${name}: not available (${built.unavailable})`);
      return;
    }
    queries[name] = built.query;
    try {
      measure.result = await measureLatency((iteration) => timedPost(server, token, built.query, afresh ? { ...built.variables, afresh: `${runId}-${iteration}` } : built.variables), options);
    } catch (error) {
      measure.unavailable = `failed: ${(error as Error).message.slice(0, 300)}`;
    }
    options.log(`${name}: ${measure.result ? `p95 ${measure.result.p95} ms, ${measure.result.statementsMedian} statements` : measure.unavailable}`);
  };

  const month = { month: currentMonth() };
  await auto('national comparison (34 provinces)', 'nationalComparison', 'NationalComparison', fixtures.national, month, 40);
  await auto('province dashboard', 'provinceDashboard', 'ProvinceDashboard', fixtures.province, month, 25);
  await auto('commune drill-down (provinceDashboard of a commune)', 'provinceDashboard', 'ProvinceDashboard', fixtures.province, { ...month, unitId: fixtures.communeId }, null);
  // What the first asker after a write waits for: the answers above are kept ones after the warm-up.
  await auto('national comparison computed afresh (as after a write)', 'nationalComparison', 'NationalComparison', fixtures.national, month, null, true);
  await auto('province dashboard computed afresh (as after a write)', 'provinceDashboard', 'ProvinceDashboard', fixtures.province, month, null, true);

  const roster: Measure = { account: fixtures.staff, name: 'club roster, 50 members (club staff)', operation: 'members(first: 50)', budgetP95Ms: 20, budgetStatements: 10 };
  measures.push(roster);
  queries[roster.name] = ROSTER_QUERY;
  roster.result = await measureLatency(() => timedPost(server, staffToken, ROSTER_QUERY, { first: 50, standing: 'CURRENT' }), options);
  options.log(`roster: p95 ${roster.result.p95} ms, ${roster.result.statementsMedian} statements`);

  // Statements per request must not grow with the length of the list.
  const rosterGrowth: Array<{ first: number; returned: number; statements: number; dataStatements: number }> = [];
  for (const first of [10, 50, 100]) {
    let returned = 0;
    const result = await measureLatency(async () => {
      const { json } = await server.post({ query: ROSTER_WITH_RELATIONS, variables: { first } }, staffToken);
      const problem = failure(json);
      if (problem) throw new Error(problem);
      returned = ((json.data?.members as { edges: unknown[] }).edges ?? []).length;
      return server.lastServerMs();
    }, { warmUp: 3, samples: 10 });
    rosterGrowth.push({ first, returned, statements: result.statementsMedian, dataStatements: result.dataStatementsMedian });
  }
  options.log(`roster statements by length: ${rosterGrowth.map((row) => `${row.returned} rows → ${row.statements}`).join(', ')}`);

  const attendance: Measure = {
    account: fixtures.staff,
    name: `attendance of a meeting, ${fixtures.meeting.memberIds.length} members (setAttendance)`,
    operation: 'setAttendance',
    budgetP95Ms: 20,
    budgetStatements: 10,
  };
  measures.push(attendance);
  queries[attendance.name] = SET_ATTENDANCE;
  // Each request changes the sheet (everyone present, then one absent), under a key of its own.
  attendance.result = await measureLatency((iteration) => {
    const memberIds = iteration % 2 === 0 ? fixtures.meeting.memberIds : fixtures.meeting.memberIds.slice(1);
    const input = { activityId: fixtures.meeting.activityId, idempotencyKey: `bench-att-${runId}-${iteration}`, memberIds };
    return timedPost(server, staffToken, SET_ATTENDANCE, { input });
  }, options);
  options.log(`attendance: p95 ${attendance.result.p95} ms, ${attendance.result.statementsMedian} statements`);

  const repayment: Measure = { account: fixtures.staff, name: 'repayment (recordRepayment)', operation: 'recordRepayment', budgetP95Ms: 20, budgetStatements: 10 };
  measures.push(repayment);
  queries[repayment.name] = RECORD_REPAYMENT;
  if (!fixtures.repayableLoanIds.length) {
    repayment.unavailable = 'no loan with enough outstanding principal in the staff club';
  } else {
    repayment.result = await measureLatency((iteration) => {
      const loanId = fixtures.repayableLoanIds[(iteration + 1000) % fixtures.repayableLoanIds.length];
      const input = { loanId, idempotencyKey: `bench-rep-${runId}-${iteration}`, paidOn: todayInVietnam(), principal: '1000', interest: '0' };
      return timedPost(server, staffToken, RECORD_REPAYMENT, { input });
    }, options);
    options.log(`repayment: p95 ${repayment.result.p95} ms, ${repayment.result.statementsMedian} statements`);
  }

  for (const measure of measures) {
    if (!measure.result) continue;
    const timeOk = measure.budgetP95Ms === null || measure.result.p95 <= measure.budgetP95Ms;
    measure.pass = timeOk && measure.result.statementsMedian <= measure.budgetStatements;
  }
  return { measures, rosterGrowth, queries };
}
