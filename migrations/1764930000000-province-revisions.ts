import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The national comparison is one row a province. Kept whole, it was computed afresh after every
 * write anywhere in the country; kept a province at a time, a write in one province recomputes
 * that province's row alone. `ishc.province_revisions()` gives the national office each province's
 * revision and the national one (the counters of 1764910000000-answer-revisions.ts), so the server
 * knows which provinces' rows are still those it computed. Provinces' roles may not call it: they
 * learn nothing of another province's writes.
 */
export class ProvinceRevisions1764930000000 implements MigrationInterface {
  name = 'ProvinceRevisions1764930000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- The national revision on the row without a province, then each province's that has one
      -- (a province nothing was written to since it was made has none: read it as 0).
      create function ishc.province_revisions() returns table (tenant_id uuid, revision bigint)
        language sql stable security definer
        set search_path = pg_catalog, ishc
        as $$
          select null::uuid, national.revision from ishc.national_revision national where ishc.current_tenant_id() is null
          union all
          select province.tenant_id, province.revision from ishc.tenant_revision province where ishc.current_tenant_id() is null
        $$;
      revoke all on function ishc.province_revisions() from public;
      grant execute on function ishc.province_revisions() to ishc_national, ishc_national_admin;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('drop function ishc.province_revisions()');
  }
}
