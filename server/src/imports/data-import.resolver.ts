import { IsUUID, Max, Min } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { badInput } from '../graphql/errors.js';
import { Role } from '../users/role.js';
import { IMPORT_COLUMNS, IMPORT_KINDS, type ImportKind } from './import-columns.js';
import { commitDataImport, findDataImport, listDataImportRows, listDataImports, type DataImportRecord, type DataImportRowRecord } from './data-import.service.js';

@ObjectType({ description: 'How the rows of an import would act.' })
export class DataImportCounts {
  @Field(() => Int, { description: 'Rows that add a record.' })
  new: number;

  @Field(() => Int, { description: 'Rows that change a record they match.' })
  changed: number;

  @Field(() => Int, { description: 'Rows whose record is already as the row says.' })
  unchanged: number;

  @Field(() => Int, { description: 'Rows with problems: while there are any, the import cannot be committed.' })
  problems: number;

  @Field(() => Int, { description: 'Rows with a warning (a possible duplicate) the importer may accept.' })
  warnings: number;
}

@ObjectType({ description: 'A field a row changes, from what to what.' })
export class DataImportChange {
  @Field(() => String, { description: 'The field, by its API name.' })
  field: string;

  @Field(() => String, { description: 'The column, by its template header.' })
  column: string;

  @Field(() => String, { nullable: true, description: 'The value now, as people read it.' })
  from: string | null;

  @Field(() => String, { nullable: true, description: 'The value after the import, as people read it.' })
  to: string | null;
}

@ObjectType({ description: 'What is wrong with a row, in Vietnamese, naming its column.' })
export class DataImportProblem {
  @Field(() => String, { description: 'The column, by its template header.' })
  column: string;

  @Field(() => String, { description: 'What is wrong.' })
  message: string;
}

@ObjectType({ description: 'A possible duplicate: a record of the province the row may be.' })
export class DataImportWarning {
  @Field(() => String, { description: 'What the row may match, in Vietnamese.' })
  message: string;

  @Field(() => ID, { nullable: true, description: 'The member it may be.' })
  memberId: string | null;

  @Field(() => ID, { nullable: true, description: 'The club it may be.' })
  clubId: string | null;
}

@ObjectType({ description: 'One row of an import file, as checked.' })
export class DataImportRow {
  @Field(() => Int, { description: 'The row number in the file, the header being row 1.' })
  rowNumber: number;

  @Field(() => String, { description: 'What the row does: NEW, UPDATE, UNCHANGED or PROBLEM.' })
  action: string;

  @Field(() => ID, { nullable: true, description: 'The club the row belongs to, once known.' })
  clubId: string | null;

  @Field(() => ID, { nullable: true, description: 'The record the row matches (for UPDATE and UNCHANGED).' })
  targetId: string | null;

  @Field(() => String, { description: 'What the row is shown by: a member\'s or borrower\'s full name, a club\'s name, a unit\'s.' })
  name: string;

  @Field(() => [DataImportChange], { description: 'For UPDATE: what changes.' })
  changes: DataImportChange[];

  @Field(() => [DataImportProblem], { description: 'What is wrong with the row.' })
  problems: DataImportProblem[];

  @Field(() => [DataImportWarning], { description: 'Possible duplicates.' })
  warnings: DataImportWarning[];
}

@ObjectType({ description: 'An uploaded file checked into a preview, and committed or not.' })
export class DataImport {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  @Field(() => String, { description: 'What is imported: clubs, members, fund-balances, loans or survey-visits.' })
  kind: string;

  @Field(() => ID, { nullable: true, description: 'The club the import is for, when it is one club\'s.' })
  clubId: string | null;

  @Field(() => ID, { nullable: true, description: 'The survey whose visits are imported.' })
  surveyId: string | null;

  @Field(() => String, { nullable: true, description: 'The uploaded file\'s name.' })
  fileName: string | null;

  @Field(() => String, { description: 'PREVIEW until committed, then COMMITTED.' })
  status: string;

  @Field(() => Int, { description: 'Rows read from the file.' })
  rowCount: number;

  @Field(() => DataImportCounts, { description: 'How the rows would act.' })
  counts: DataImportCounts;

  @Field(() => DateTimeScalar, { description: 'When the file was uploaded.' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the import was committed.' })
  committedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Who uploaded the file.' })
  createdByName: string | null;

  @Field(() => String, { nullable: true, description: 'Who committed the import.' })
  committedByName: string | null;
}

@ObjectType({ description: 'A column of an import file: the template\'s Vietnamese header, or the API field name, names it.' })
export class ImportColumnInfo {
  @Field(() => String, { description: 'The API field name, also accepted as a header.' })
  key: string;

  @Field(() => String, { description: 'The template\'s Vietnamese header.' })
  header: string;

  @Field(() => String, { description: 'What to write in it, in Vietnamese.' })
  note: string;

  @Field(() => Boolean, { description: 'Whether a file must have this column.' })
  required: boolean;

  @Field(() => String, { description: 'A value as it would be written.' })
  example: string;
}

@ArgsType()
class DataImportRowsArgs {
  @Field(() => Int, { defaultValue: 50, description: 'How many rows, 1 to 500.' })
  @Min(1, { message: 'must be at least 1' })
  @Max(500, { message: 'must be at most 500' })
  first: number;

  @Field(() => Int, { defaultValue: 0, description: 'Rows after this row number.' })
  @Min(0, { message: 'must not be negative' })
  afterRow: number;

  @Field(() => Boolean, { defaultValue: false, description: 'Only the rows with problems.' })
  onlyProblems: boolean;
}

@ArgsType()
class DataImportsArgs {
  @Field(() => String, { nullable: true, description: 'Only imports of this kind (clubs, members, fund-balances, loans, survey-visits).' })
  kind: string | null;

  @Field(() => Int, { defaultValue: 20, description: 'How many, newest first, 1 to 100.' })
  @Min(1, { message: 'must be at least 1' })
  @Max(100, { message: 'must be at most 100' })
  first: number;
}

@ArgsType()
class DataImportArgs {
  @Field(() => ID, { description: 'The import.' })
  @IsUUID('all', { message: 'is not an import identifier' })
  id: string;
}

function dataImportOf(record: DataImportRecord): DataImport {
  return Object.assign(new DataImport(), record, { counts: Object.assign(new DataImportCounts(), record.counts) });
}

function rowOf(record: DataImportRowRecord): DataImportRow {
  return Object.assign(new DataImportRow(), {
    rowNumber: record.rowNumber,
    action: record.action,
    clubId: record.clubId,
    targetId: record.targetId,
    name: record.label,
    changes: record.changes.map((change) => Object.assign(new DataImportChange(), change)),
    problems: record.problems.map((problem) => Object.assign(new DataImportProblem(), problem)),
    warnings: record.warnings.map((warning) => Object.assign(new DataImportWarning(), { memberId: null, clubId: null }, warning)),
  });
}

@Resolver(() => DataImport)
export class DataImportResolver {
  @Authorized([Role.PROVINCE_ADMIN, Role.CLUB_STAFF])
  @Query(() => [ImportColumnInfo], { description: 'The columns a kind of import reads (clubs, members, fund-balances, loans, survey-visits), in template order.' })
  importColumns(@Arg('kind', () => String) kind: string): ImportColumnInfo[] {
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw badInput([{ field: 'kind', message: `must be one of ${IMPORT_KINDS.join(', ')}` }]);
    return IMPORT_COLUMNS[kind as ImportKind].map((column) => Object.assign(new ImportColumnInfo(), column));
  }

  @Authorized([Role.PROVINCE_ADMIN, Role.CLUB_STAFF])
  @Query(() => DataImport, { nullable: true, description: 'An import\'s preview (upload the file with POST /imports/{kind}): counts and each row\'s action, changes and problems.' })
  async dataImport(@Args(() => DataImportArgs) { id }: DataImportArgs, @Ctx() context: Context): Promise<DataImport | null> {
    const record = await findDataImport(await context.db(), id);
    return record ? dataImportOf(record) : null;
  }

  @Authorized([Role.PROVINCE_ADMIN, Role.CLUB_STAFF])
  @Query(() => [DataImport], { description: 'The imports made in the province (a club\'s, for its staff), newest first: what, by whom, when, committed or not.' })
  async dataImports(@Args(() => DataImportsArgs) { kind, first }: DataImportsArgs, @Ctx() context: Context): Promise<DataImport[]> {
    if (kind !== null && kind !== undefined && !(IMPORT_KINDS as readonly string[]).includes(kind)) {
      throw badInput([{ field: 'kind', message: `must be one of ${IMPORT_KINDS.join(', ')}` }]);
    }
    return (await listDataImports(await context.db(), { kind: (kind ?? null) as ImportKind | null, first })).map(dataImportOf);
  }

  @Authorized([Role.PROVINCE_ADMIN, Role.CLUB_STAFF])
  @Mutation(() => DataImport, {
    description: 'Applies an import: refused (BAD_USER_INPUT) while any row has a problem; otherwise every row or none, with live figures and the audit in the same transaction.',
  })
  async commitDataImport(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<DataImport> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw badInput([{ field: 'id', message: 'is not an import identifier' }]);
    return dataImportOf(await commitDataImport(await context.db(), context.requestId, id));
  }

  @FieldResolver(() => [DataImportRow], { description: 'The rows in file order, a page at a time.' })
  async rows(@Root() dataImport: DataImport, @Args(() => DataImportRowsArgs) args: DataImportRowsArgs, @Ctx() context: Context): Promise<DataImportRow[]> {
    return (await listDataImportRows(await context.db(), dataImport.id, args)).map(rowOf);
  }
}
