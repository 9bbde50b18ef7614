import pg from 'pg';
import { Role } from '../server/src/users/role.js';
import type { Account } from './harness.js';

/** The accounts and records the measures use, read from the loaded dataset as the owner. */
export interface Fixtures {
  national: Account;
  province: Account & { tenantId: string; code: string };
  staff: Account & { tenantId: string; clubId: string };
  /** A commune of the province with clubs, for the drill-down. */
  communeId: string;
  /** A club of another province, for the national comparison's sanity. */
  meeting: { activityId: string; heldOn: string; memberIds: string[] };
  repayableLoanIds: string[];
  tenantIds: string[];
}

export async function readFixtures(ownerUrl: string): Promise<Fixtures> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T> => {
      const { rows } = await client.query<T>(sql, params);
      if (!rows[0]) throw new Error(`no row for: ${sql}`);
      return rows[0];
    };
    const national = await one<{ id: string }>(`select id from app_user where login = 'bench.national'`);
    const province = await one<{ id: string; tenant_id: string; code: string }>(
      `select u.id, u.tenant_id, t.code from app_user u join tenant t on t.id = u.tenant_id where u.login = 'bench.p01'`,
    );
    const staff = await one<{ id: string; tenant_id: string; club_id: string }>(
      `select id, tenant_id, club_id from app_user where login = 'bench.c01.1'`,
    );
    const commune = await one<{ id: string }>(
      `select unit.id from admin_unit unit where unit.tenant_id = $1 and unit.level = 3
          and exists (select 1 from club where club.tenant_id = unit.tenant_id and club.commune_id = unit.id)
        order by unit.sort_key limit 1`,
      [province.tenant_id],
    );
    const meeting = await one<{ id: string; held_on: string }>(
      `select id, held_on::text as held_on from activity where tenant_id = $1 and club_id = $2 and monthly_meeting
        order by held_on desc limit 1`,
      [staff.tenant_id, staff.club_id],
    );
    const members = await client.query<{ id: string }>(
      `select id from member where tenant_id = $1 and club_id = $2 and joined_on <= $3 and (left_on is null or left_on > $3) order by id`,
      [staff.tenant_id, staff.club_id, meeting.held_on],
    );
    const loans = await client.query<{ id: string }>(
      `select id from loan where tenant_id = $1 and club_id = $2 and status = 'DISBURSED' and principal - principal_repaid > 200000 order by id`,
      [staff.tenant_id, staff.club_id],
    );
    const tenants = await client.query<{ id: string }>('select id from tenant order by code');
    return {
      national: { userId: national.id, role: Role.NATIONAL_VIEWER, tenantId: null, clubId: null },
      province: { userId: province.id, role: Role.PROVINCE_ADMIN, tenantId: province.tenant_id, clubId: null, code: province.code },
      staff: { userId: staff.id, role: Role.CLUB_STAFF, tenantId: staff.tenant_id, clubId: staff.club_id },
      communeId: commune.id,
      meeting: { activityId: meeting.id, heldOn: meeting.held_on, memberIds: members.rows.map((row) => row.id) },
      repayableLoanIds: loans.rows.map((row) => row.id),
      tenantIds: tenants.rows.map((row) => row.id),
    };
  } finally {
    await client.end();
  }
}
