import pg from 'pg';
import { percentile, round } from './harness.js';

const MEMBER_COLUMNS = `tenant_id, id, club_id, full_name, search_name, sex, birth_year, citizen_id, phone, hamlet_id,
  joined_on::text as joined_on, left_on::text as left_on, leave_reason, poor_household, near_poor_household,
  ethnic_minority, disability, lives_alone, needs_home_care, board_role, home_care_volunteer, duplicate_status, version`;

export interface RlsCase {
  name: string;
  rlsSql: string;
  ownerSql: string;
  rlsP50Ms: number;
  ownerP50Ms: number;
  /** RLS p50 over owner p50; the budget is ≤ 1.25. */
  ratio: number;
  pass: boolean;
  plan: string;
  planChecks: { tenantInitPlan: boolean; tenantSettingInIndexCondition: boolean; indexLedByTenant: string | null };
}

interface Scope {
  role: 'ishc_club' | 'ishc_province';
  tenantId: string;
  clubId: string | null;
}

/** One statement's server time in milliseconds: the round trip of a prepared statement on an idle connection. */
async function timeStatement(client: pg.Client, name: string, sql: string, values: unknown[]): Promise<number> {
  const started = performance.now();
  await client.query({ name, text: sql, values });
  return performance.now() - started;
}

async function applyScope(client: pg.Client, scope: Scope): Promise<void> {
  // Exactly what server/src/database/request-scope.ts does for a request (transaction-local settings).
  await client.query(
    `select set_config('role', $1, true), set_config('app.tenant_id', $2, true), set_config('app.club_id', $3, true), set_config('app.user_id', '', true)`,
    [scope.role, scope.tenantId, scope.clubId ?? ''],
  );
}

/**
 * The same SQL under row-level security, scoped exactly as a request is (the database role and the
 * tenant and club as transaction-local settings), and as the owner with the tenant written into the
 * WHERE clause: what RLS costs per statement. Both run on one connection, alternating sample by
 * sample, each statement in a transaction of its own, so neither side gets a backend process the
 * machine happens to schedule better. (The server's login role takes its scope the same way:
 * set_config('role', …) from its login role; here the owner does it from its own.)
 */
export async function compareRls(
  ownerUrl: string,
  scope: Scope,
  cases: Array<{ name: string; rlsSql: string; ownerSql: string; rlsValues: unknown[]; ownerValues: unknown[] }>,
  samples: number,
): Promise<RlsCase[]> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'ishc-bench-rls' });
  await client.connect();
  const results: RlsCase[] = [];
  try {
    for (const [index, testCase] of cases.entries()) {
      const rlsTimes: number[] = [];
      const ownerTimes: number[] = [];
      for (let sample = -20; sample < samples; sample += 1) {
        await client.query('begin');
        await applyScope(client, scope);
        const rls = await timeStatement(client, `rls_${index}`, testCase.rlsSql, testCase.rlsValues);
        await client.query('commit');
        await client.query('begin');
        const plain = await timeStatement(client, `owner_${index}`, testCase.ownerSql, testCase.ownerValues);
        await client.query('commit');
        if (sample >= 0) {
          rlsTimes.push(rls);
          ownerTimes.push(plain);
        }
      }
      await client.query('begin');
      await applyScope(client, scope);
      const explained = await client.query(`explain (analyze, verbose, buffers) ${testCase.rlsSql}`, testCase.rlsValues);
      await client.query('commit');
      const plan = explained.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
      const indexNames = [...plan.matchAll(/Index (?:Only )?Scan (?:Backward )?using (\w+)/g)].map((match) => match[1]);
      let indexLedByTenant: string | null = null;
      for (const indexName of indexNames) {
        const { rows } = await client.query<{ definition: string }>(`select pg_get_indexdef($1::regclass) as definition`, [indexName]);
        if (/\(tenant_id[,)]/.test(rows[0]?.definition ?? '')) {
          indexLedByTenant = rows[0].definition;
          break;
        }
      }
      const rlsP50 = percentile([...rlsTimes].sort((a, b) => a - b), 0.5);
      const ownerP50 = percentile([...ownerTimes].sort((a, b) => a - b), 0.5);
      const ratio = round(rlsP50 / ownerP50, 3);
      results.push({
        name: testCase.name,
        rlsSql: testCase.rlsSql,
        ownerSql: testCase.ownerSql,
        rlsP50Ms: round(rlsP50, 3),
        ownerP50Ms: round(ownerP50, 3),
        ratio,
        pass: ratio <= 1.25,
        plan,
        planChecks: {
          tenantInitPlan: /InitPlan[\s\S]*current_(tenant_id|setting)/.test(plan),
          tenantSettingInIndexCondition: /Index Cond: [^\n]*(current_setting\('app\.tenant_id'|current_tenant_id)/.test(plan),
          indexLedByTenant,
        },
      });
    }
  } finally {
    await client.end();
  }
  return results;
}

/** The roster's statements (as listMembers sends them) and a province's live figures for a month. */
export function rlsCases(tenantId: string, clubId: string, month: string) {
  const rosterWhere = 'club_id = $1 and left_on is null';
  const ownerWhere = `tenant_id = $2 and ${rosterWhere}`;
  return {
    club: [
      {
        name: 'roster page with its total (member, 50 of a club)',
        rlsSql: `select ${MEMBER_COLUMNS}, (select count(*)::int from member where ${rosterWhere}) as total_count
                   from member where ${rosterWhere} order by search_name, id limit 51`,
        ownerSql: `select ${MEMBER_COLUMNS}, (select count(*)::int from member where ${ownerWhere}) as total_count
                     from member where ${ownerWhere} order by search_name, id limit 51`,
        rlsValues: [clubId],
        ownerValues: [clubId, tenantId],
      },
      {
        name: 'roster count (asked past the last page)',
        rlsSql: `select count(*)::int as count from member where ${rosterWhere}`,
        ownerSql: `select count(*)::int as count from member where ${ownerWhere}`,
        rlsValues: [clubId],
        ownerValues: [clubId, tenantId],
      },
    ],
    province: [
      {
        name: 'province dashboard figures (club_month_figure of ~590 clubs at a month)',
        rlsSql: `select count(*) filter (where running = 1)::int as clubs, coalesce(sum(members) filter (where running = 1), 0)::int as members,
                        coalesce(sum(women) filter (where running = 1), 0)::int as women, coalesce(sum(older) filter (where running = 1), 0)::int as older,
                        count(*) filter (where running = 1 and meets_standard)::int as meeting_standard,
                        coalesce(sum(income_fund) filter (where running = 1), 0)::bigint as income_fund
                   from club_month_figure where month <= $1::date and valid_until > $1::date`,
        ownerSql: `select count(*) filter (where running = 1)::int as clubs, coalesce(sum(members) filter (where running = 1), 0)::int as members,
                        coalesce(sum(women) filter (where running = 1), 0)::int as women, coalesce(sum(older) filter (where running = 1), 0)::int as older,
                        count(*) filter (where running = 1 and meets_standard)::int as meeting_standard,
                        coalesce(sum(income_fund) filter (where running = 1), 0)::bigint as income_fund
                   from club_month_figure where tenant_id = $2 and month <= $1::date and valid_until > $1::date`,
        rlsValues: [`${month}-01`],
        ownerValues: [`${month}-01`, tenantId],
      },
      {
        name: 'province totals over months (province_month_figure)',
        rlsSql: `select month, sum(members) over (order by month)::int as members, sum(clubs_running) over (order by month)::int as clubs
                   from province_month_figure where month <= $1::date order by month`,
        ownerSql: `select month, sum(members) over (order by month)::int as members, sum(clubs_running) over (order by month)::int as clubs
                   from province_month_figure where tenant_id = $2 and month <= $1::date order by month`,
        rlsValues: [`${month}-01`],
        ownerValues: [`${month}-01`, tenantId],
      },
    ],
  };
}

export interface LiveVersusRaw {
  month: string;
  liveSql: string;
  rawSql: string;
  liveP50Ms: number;
  rawP50Ms: number;
  /** How many times faster the live figures answer; the budget is ≥ 5. */
  speedup: number;
  pass: boolean;
  /** Whether both give the same totals per province (clubs, members, women, older, poor, borrowers, funds). */
  sameAnswers: boolean;
  differences: string[];
}

const LIVE_SQL = `select tenant_id, sum(clubs_running)::int as clubs, sum(members)::int as members, sum(women)::int as women,
       sum(older)::int as older, sum(poor_or_near_poor)::int as poor_or_near_poor, sum(borrowers)::int as borrowers,
       sum(income_fund)::bigint as income_fund, sum(activity_fund)::bigint as activity_fund
  from province_month_figure where month <= $1::date group by tenant_id order by tenant_id`;

// The same totals straight from the records: clubs running at the month's end by their status
// history, their members on that day, older by birth year, borrowers by a loan paid out by then,
// fund balances from the ledger.
const RAW_SQL = `with club_state as (
    select distinct on (tenant_id, club_id) tenant_id, club_id, status
      from club_status_change where effective_on <= $1::date
     order by tenant_id, club_id, effective_on desc, recorded_at desc
  ), running as (
    select tenant_id, club_id from club_state where status = 'ACTIVE'
  ), people as (
    select member.tenant_id, count(*)::int as members, count(*) filter (where sex = 'FEMALE')::int as women,
           count(*) filter (where birth_year <= $2)::int as older,
           count(*) filter (where poor_household or near_poor_household)::int as poor_or_near_poor,
           count(*) filter (where exists (select 1 from loan where loan.tenant_id = member.tenant_id and loan.member_id = member.id
                                             and loan.disbursed_on <= $1::date))::int as borrowers
      from member join running on running.tenant_id = member.tenant_id and running.club_id = member.club_id
     where member.joined_on <= $1::date and (member.left_on is null or member.left_on > $1::date)
     group by member.tenant_id
  ), funds as (
    select entry.tenant_id, coalesce(sum(amount) filter (where fund = 'INCOME_GENERATION'), 0)::bigint as income_fund,
           coalesce(sum(amount) filter (where fund = 'ACTIVITY'), 0)::bigint as activity_fund
      from ledger_entry entry join running on running.tenant_id = entry.tenant_id and running.club_id = entry.club_id
     where entry.entry_on <= $1::date
     group by entry.tenant_id
  )
  select tenant.id as tenant_id, (select count(*) from running where running.tenant_id = tenant.id)::int as clubs,
         people.members, people.women, people.older, people.poor_or_near_poor, people.borrowers, funds.income_fund, funds.activity_fund
    from tenant left join people on people.tenant_id = tenant.id left join funds on funds.tenant_id = tenant.id
   order by tenant.id`;

/** The national comparison's totals from the live figures and aggregated from the raw rows, as the owner. */
export async function compareLiveWithRaw(ownerUrl: string, month: string, samples: { live: number; raw: number }): Promise<LiveVersusRaw> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'ishc-bench-live-raw' });
  await client.connect();
  try {
    const first = `${month}-01`;
    const [year, monthNumber] = month.split('-').map(Number);
    const last = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
    const liveValues = [first];
    const rawValues = [last, year - 60];
    const rawSql = RAW_SQL;
    const live = await client.query({ name: 'live', text: LIVE_SQL, values: liveValues });
    const raw = await client.query({ name: 'raw', text: rawSql, values: rawValues });
    const differences: string[] = [];
    const rawByTenant = new Map(raw.rows.map((row) => [row.tenant_id as string, row]));
    for (const row of live.rows) {
      const other = rawByTenant.get(row.tenant_id);
      for (const key of ['clubs', 'members', 'women', 'older', 'poor_or_near_poor', 'borrowers', 'income_fund', 'activity_fund']) {
        if (String(row[key]) !== String(other?.[key] ?? '0')) differences.push(`${row.tenant_id} ${key}: live ${row[key]} raw ${other?.[key]}`);
      }
    }
    const liveTimes: number[] = [];
    for (let index = 0; index < samples.live; index += 1) liveTimes.push(await timeStatement(client, 'live', LIVE_SQL, liveValues));
    const rawTimes: number[] = [];
    for (let index = 0; index < samples.raw; index += 1) rawTimes.push(await timeStatement(client, 'raw', rawSql, rawValues));
    const liveP50 = percentile(liveTimes.sort((a, b) => a - b), 0.5);
    const rawP50 = percentile(rawTimes.sort((a, b) => a - b), 0.5);
    const speedup = round(rawP50 / liveP50, 1);
    return {
      month,
      liveSql: LIVE_SQL,
      rawSql,
      liveP50Ms: round(liveP50, 2),
      rawP50Ms: round(rawP50, 1),
      speedup,
      pass: speedup >= 5,
      sameAnswers: differences.length === 0,
      differences: differences.slice(0, 20),
    };
  } finally {
    await client.end();
  }
}
