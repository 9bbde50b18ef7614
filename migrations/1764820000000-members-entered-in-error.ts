import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member entered by mistake can be taken out again rather than recorded as having left (which
 * counts in the club's churn and in the province's totals of members who left). Two ways out: within
 * a day of being added (a slip, a person typed twice), or while flagged as a possible duplicate,
 * merged into the person already on record. The row goes (its audit event keeps what it held), so
 * no figure or list needs a status to ignore: the member triggers recompute the club's figures on
 * delete as on any other change.
 *
 * What is recorded for a member keeps their row (attendance, visits, loans and fund entries refer
 * to it with `on delete restrict`): the service says why it refuses, the keys refuse anyway.
 */
export class MembersEnteredInError1764820000000 implements MigrationInterface {
  name = 'MembersEnteredInError1764820000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create policy member_entered_in_error on member as restrictive for delete to ishc_province, ishc_club
        using (created_at > now() - interval '24 hours' or duplicate_status = 'POSSIBLE');
      grant delete on member to ishc_province, ishc_club;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      revoke delete on member from ishc_province, ishc_club;
      drop policy member_entered_in_error on member;
    `);
  }
}
