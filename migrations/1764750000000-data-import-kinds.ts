import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every kind of import shares one preview: an import may be for a survey (its visits), and each
 * row keeps the name it is shown by (a member's full name, a club's name, a borrower's).
 */
export class DataImportKinds1764750000000 implements MigrationInterface {
  name = 'DataImportKinds1764750000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table data_import add column survey_id uuid;
      alter table data_import add foreign key (tenant_id, survey_id) references survey (tenant_id, id) on delete restrict deferrable initially immediate;
      alter table data_import_row add column label text not null default '';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table data_import_row drop column label;
      alter table data_import drop column survey_id;
    `);
  }
}
