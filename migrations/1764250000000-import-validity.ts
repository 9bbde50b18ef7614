import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CSV imports read the validity dates the export writes (valid_from, valid_to), so a hierarchy
 * moves between installations with its history: retired units arrive retired, with their dates.
 */
export class ImportValidity1764250000000 implements MigrationInterface {
  name = 'ImportValidity1764250000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Kept as read, like the other cells: checking them is the preview's job. Empty means the
      -- file says nothing (an older file, or a cell left blank).
      alter table admin_unit_import_row
        add column valid_from text not null default '' check (length(valid_from) <= 100),
        add column valid_to text not null default '' check (length(valid_to) <= 100);
      grant insert (valid_from, valid_to) on admin_unit_import_row to ishc_province;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table admin_unit_import_row drop column valid_from, drop column valid_to;
    `);
  }
}
