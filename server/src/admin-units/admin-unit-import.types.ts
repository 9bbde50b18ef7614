import { IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Args, ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';
import { ImportAction, type PlannedRow } from './admin-unit-import.plan.js';
import type { ImportHeader, ImportPreview } from './admin-unit-import.service.js';

registerEnumType(ImportAction, {
  name: 'AdminUnitImportAction',
  description: 'What importing a row does to the hierarchy.',
  valuesConfig: {
    CREATE: { description: 'Adds a new unit.' },
    UPDATE: { description: 'Renames, changes the kind or first day of, or moves an existing unit of the same code.' },
    UNCHANGED: { description: 'The unit already stands as the row says.' },
  },
});

@ObjectType({ description: 'A CSV import of administrative units, uploaded in pieces, not yet applied until committed.' })
export class AdminUnitImport {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Name of the uploaded file.' })
  fileName: string | null;

  @Field(() => Int, { description: 'Data rows uploaded so far.' })
  rowCount: number;

  @Field(() => DateTimeScalar, { description: 'When the upload started.' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was applied to the hierarchy; none while it waits.' })
  committedAt: Date | null;

  static of(header: ImportHeader): AdminUnitImport {
    return Object.assign(new AdminUnitImport(), header);
  }
}

@ObjectType({ description: 'A problem with one cell of an import row.' })
export class AdminUnitImportProblem {
  @Field(() => String, { description: 'The column: code, name, kind, parentCode, validFrom or validTo.' })
  field: string;

  @Field(() => String, { description: 'What is wrong, e.g. "unknown parent", "duplicate code", "cycle".' })
  message: string;
}

@ObjectType({ description: 'What a row changes of the unit it matches, from what to what.' })
export class AdminUnitImportChange {
  @Field(() => String, { description: 'What changes: name, kind (values are AdminUnitKind names), parent (values are the units\' full names, e.g. "Huyện Kiên Lương") or validFrom (YYYY-MM-DD).' })
  field: string;

  @Field(() => String, { nullable: true, description: 'The value now.' })
  from: string | null;

  @Field(() => String, { nullable: true, description: 'The value once imported.' })
  to: string | null;
}

@ObjectType({ description: 'One row of an import file and what importing it would do.' })
export class AdminUnitImportRow {
  @Field(() => Int, { description: 'Row of the file as a spreadsheet numbers it (the header is row 1).' })
  rowNumber: number;

  @Field(() => String, { description: 'GSO code as written in the file.' })
  code: string;

  @Field(() => String, { description: 'Name as written in the file.' })
  name: string;

  @Field(() => String, { description: 'Kind as written in the file.' })
  kind: string;

  @Field(() => String, { description: 'Parent code as written in the file.' })
  parentCode: string;

  @Field(() => String, { description: 'First day of the unit as written in the file; empty when the file does not say.' })
  validFrom: string;

  @Field(() => String, { description: 'Last day of a retired unit as written in the file; empty for a unit in force or when the file does not say.' })
  validTo: string;

  @Field(() => ImportAction, { description: 'What the row would do.' })
  action: ImportAction;

  @Field(() => [AdminUnitImportChange], { description: 'For a row that matches a unit: what it changes, before and after; empty for a new unit or one left as it is.' })
  changes: AdminUnitImportChange[];

  @Field(() => [AdminUnitImportProblem], { description: 'Every problem of the row; empty when it can be imported.' })
  problems: AdminUnitImportProblem[];

  static of(row: PlannedRow): AdminUnitImportRow {
    return Object.assign(new AdminUnitImportRow(), {
      ...row,
      changes: row.changes.map((change) => Object.assign(new AdminUnitImportChange(), change)),
      problems: row.problems.map((problem) => Object.assign(new AdminUnitImportProblem(), problem)),
    });
  }
}

export const MAX_PREVIEW_ROWS = 500;

@ArgsType()
export class ImportRowsArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'Only the rows with problems.' })
  onlyProblems: boolean = false;

  @Field(() => Int, { defaultValue: 100, description: `How many rows, 1 to ${MAX_PREVIEW_ROWS}.` })
  @Min(1, { message: 'must be at least 1' })
  @Max(MAX_PREVIEW_ROWS, { message: `must be at most ${MAX_PREVIEW_ROWS}` })
  first: number = 100;

  @Field(() => Int, { defaultValue: 0, description: 'How many rows to skip.' })
  @Min(0, { message: 'must not be negative' })
  offset: number = 0;
}

@ObjectType({ description: 'What an import would do, checked as a whole against the hierarchy as it is now. Nothing is written.' })
export class AdminUnitImportPreview {
  preview: ImportPreview;

  @Field(() => AdminUnitImport, { description: 'The import.' })
  import(): AdminUnitImport {
    return AdminUnitImport.of(this.preview.header);
  }

  @Field(() => Int, { description: 'Data rows in the file.' })
  rowCount(): number {
    return this.preview.plan.rows.length;
  }

  @Field(() => Int, { description: 'Rows that would add a unit.' })
  createCount(): number {
    return this.preview.plan.rows.filter((row) => row.action === ImportAction.CREATE && !row.problems.length).length;
  }

  @Field(() => Int, { description: 'Rows that would change a unit.' })
  updateCount(): number {
    return this.preview.plan.rows.filter((row) => row.action === ImportAction.UPDATE && !row.problems.length).length;
  }

  @Field(() => Int, { description: 'Rows that match a unit as it stands.' })
  unchangedCount(): number {
    return this.preview.plan.rows.filter((row) => row.action === ImportAction.UNCHANGED && !row.problems.length).length;
  }

  @Field(() => Int, { description: 'Rows with problems. The import can be committed only when this is 0.' })
  problemRowCount(): number {
    return this.preview.plan.rows.filter((row) => row.problems.length).length;
  }

  @Field(() => [AdminUnitImportRow], { description: 'Rows of the file in order, a page at a time.', complexity: ({ args }) => 1 + Number(args.first ?? 100) })
  rows(@Args(() => ImportRowsArgs) { onlyProblems, first, offset }: ImportRowsArgs): AdminUnitImportRow[] {
    const rows = onlyProblems ? this.preview.plan.rows.filter((row) => row.problems.length) : this.preview.plan.rows;
    return rows.slice(offset, offset + first).map(AdminUnitImportRow.of);
  }

  static of(preview: ImportPreview): AdminUnitImportPreview {
    return Object.assign(new AdminUnitImportPreview(), { preview });
  }
}

@ArgsType()
export class StartImportArgs {
  @Field(() => String, { nullable: true, description: 'Name of the file being uploaded.' })
  @IsOptional()
  @MaxLength(255, { message: 'must be at most 255 characters' })
  fileName?: string | null;
}

@ArgsType()
export class AddImportRowsArgs {
  @Field(() => ID, { description: 'The import.' })
  @IsUUID('all', { message: 'is not an import identifier' })
  importId: string;

  @Field(() => Int, { description: 'File row of the first data line of this piece (the first piece starts at 2).' })
  firstRowNumber: number;

  @Field(() => String, {
    description:
      'A piece of the file as CSV, starting with the header line: code, name, kind, parent_code, and optionally valid_from and valid_to (YYYY-MM-DD or dd/mm/yyyy) as the export writes them (Vietnamese headers Mã, Tên, Loại, Mã cấp trên, Hiệu lực từ, Hiệu lực đến are read too). A unit with a valid_to is created retired; an existing unit is not retired by import. UTF-8; a byte-order mark is ignored.',
  })
  csv: string;
}

@ArgsType()
export class ImportIdArgs {
  @Field(() => ID, { description: 'The import.' })
  @IsUUID('all', { message: 'is not an import identifier' })
  importId: string;
}

@ArgsType()
export class CommitImportArgs extends ImportIdArgs {
  @Field(() => Int, { description: 'Rows the preview showed; if more were uploaded since, the import is refused.' })
  rowCount: number;
}
