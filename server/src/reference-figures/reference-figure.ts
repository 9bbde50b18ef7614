import { IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { recordAudit } from '../audit/audit.service.js';
import { rowsOf } from '../database/sql.js';
import { viewerOf, type Context } from '../graphql/context.js';
import { badInput, conflict, notFound, type FieldProblem } from '../graphql/errors.js';
import { normalizeText } from '../text.js';
import { Role } from '../users/role.js';

export enum ReferenceFigureKind {
  OLDER_POPULATION = 'OLDER_POPULATION',
  COMMUNES = 'COMMUNES',
  POOR_HOUSEHOLDS = 'POOR_HOUSEHOLDS',
  NEAR_POOR_HOUSEHOLDS = 'NEAR_POOR_HOUSEHOLDS',
}

registerEnumType(ReferenceFigureKind, {
  name: 'ReferenceFigureKind',
  description: 'What a province reference figure counts.',
  valuesConfig: {
    OLDER_POPULATION: { description: 'People aged 60 or over.' },
    COMMUNES: { description: 'Communes, wards and towns.' },
    POOR_HOUSEHOLDS: { description: 'Poor households.' },
    NEAR_POOR_HOUSEHOLDS: { description: 'Near-poor households.' },
  },
});

@ObjectType({ description: 'A figure of a province for one year, used to normalise comparisons between provinces.' })
export class ReferenceFigure {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  @Field(() => ID, { description: 'The province workspace.' })
  tenantId: string;

  @Field(() => Int, { description: 'The year.' })
  year: number;

  @Field(() => ReferenceFigureKind, { description: 'What it counts.' })
  kind: ReferenceFigureKind;

  @Field(() => String, { description: 'The figure, as a whole number written in digits (it may exceed 32 bits).' })
  value: string;

  @Field(() => String, { description: 'Where it comes from, e.g. a statistics yearbook.' })
  source: string;

  @Field(() => Boolean, { description: 'Whether it is a sample value standing in where no published figure is at hand (demonstration data).' })
  sample: boolean;

  @Field(() => Int, { description: 'Version for optimistic concurrency.' })
  version: number;
}

@ArgsType()
class ReferenceFiguresArgs {
  @Field(() => ID, { nullable: true, description: 'The province (national office); a province sees its own.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a province identifier' })
  tenantId?: string | null;
}

@InputType({ description: 'A reference figure. A national administrator names the province; a province admin enters its own.' })
class SaveReferenceFigureInput {
  @Field(() => ID, { nullable: true, description: 'The province; national administrators only.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a province identifier' })
  tenantId?: string | null;

  @Field(() => Int, { description: 'The year.' })
  @Min(1990, { message: 'must be 1990 or later' })
  @Max(2100, { message: 'must be 2100 or earlier' })
  year: number;

  @Field(() => ReferenceFigureKind, { description: 'What it counts.' })
  kind: ReferenceFigureKind;

  @Field(() => String, { description: 'The figure, a whole number.' })
  @MaxLength(16, { message: 'is too large' })
  value: string;

  @Field(() => String, { description: 'Where it comes from.' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  source: string;

  @Field(() => Int, { nullable: true, description: 'The version you read, when the figure exists; a stale one gets CONFLICT.' })
  @IsOptional()
  version?: number | null;
}

interface FigureRow {
  id: string;
  tenant_id: string;
  year: number;
  kind: ReferenceFigureKind;
  value: string;
  source: string;
  sample: boolean;
  version: number;
}

const COLUMNS = 'id, tenant_id, year, kind, value::text as value, source, sample, version';

function figureOf(row: FigureRow): ReferenceFigure {
  return Object.assign(new ReferenceFigure(), {
    id: row.id, tenantId: row.tenant_id, year: row.year, kind: row.kind, value: row.value, source: row.source, sample: row.sample, version: row.version,
  });
}

async function saveReferenceFigure(db: EntityManager, requestId: string, input: SaveReferenceFigureInput, tenantId: string): Promise<ReferenceFigure> {
  const problems: FieldProblem[] = [];
  const value = input.value.trim();
  if (!/^\d{1,16}$/.test(value) || BigInt(value) > BigInt(Number.MAX_SAFE_INTEGER)) problems.push({ field: 'value', message: 'must be a whole number' });
  const source = normalizeText(input.source);
  if (!source) problems.push({ field: 'source', message: 'say where the figure comes from' });
  const [tenant]: Array<{ status: string }> = await db.query('select status from tenant where id = $1', [tenantId]);
  if (!tenant) problems.push({ field: 'tenantId', message: 'is not a province workspace' });
  else if (tenant.status === 'RETIRED') problems.push({ field: 'tenantId', message: 'is retired: its figures are kept as they were' });
  if (problems.length) throw badInput(problems);
  const current: FigureRow[] = await db.query(`select ${COLUMNS} from reference_figure where tenant_id = $1 and year = $2 and kind = $3 for update`, [
    tenantId, input.year, input.kind,
  ]);
  const before = current[0];
  let row: FigureRow;
  if (before) {
    if (input.version !== before.version) throw conflict('The figure');
    [row] = await rowsOf<FigureRow>(
      db,
      `update reference_figure set value = $2, source = $3, sample = false, version = version + 1, updated_at = now() where id = $1 returning ${COLUMNS}`,
      [before.id, value, source],
    );
  } else {
    if (input.version !== null && input.version !== undefined) throw notFound('Figure');
    [row] = await db.query(
      `insert into reference_figure (tenant_id, year, kind, value, source) values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
      [tenantId, input.year, input.kind, value, source],
    );
  }
  await recordAudit(db, requestId, {
    action: before ? 'reference-figure.update' : 'reference-figure.create', entityType: 'reference_figure', entityId: row.id,
    before, after: row, tenantId,
  });
  return figureOf(row);
}

@Resolver(() => ReferenceFigure)
export class ReferenceFigureResolver {
  @Authorized([Role.PROVINCE_ADMIN, Role.NATIONAL_ADMIN, Role.NATIONAL_VIEWER])
  @Query(() => [ReferenceFigure], {
    description: 'Reference figures by year: a province’s own and those of the provinces merged into it, or any province’s for the national office.',
  })
  async referenceFigures(@Args(() => ReferenceFiguresArgs) { tenantId }: ReferenceFiguresArgs, @Ctx() context: Context): Promise<ReferenceFigure[]> {
    const db = await context.db();
    const rows: FigureRow[] = await db.query(
      `select ${COLUMNS} from reference_figure where ($1::uuid is null or tenant_id = any (ishc.lineage_of($1))) order by tenant_id = $1 desc, tenant_id, year desc, kind`,
      [tenantId ?? null],
    );
    return rows.map(figureOf);
  }

  @Authorized([Role.PROVINCE_ADMIN, Role.NATIONAL_ADMIN])
  @Mutation(() => ReferenceFigure, { description: 'Enters or corrects a reference figure of a year.' })
  async saveReferenceFigure(@Arg('input', () => SaveReferenceFigureInput) input: SaveReferenceFigureInput, @Ctx() context: Context): Promise<ReferenceFigure> {
    const viewer = viewerOf(context);
    const tenantId = viewer.role === Role.NATIONAL_ADMIN ? input.tenantId : viewer.tenantId;
    if (!tenantId) throw badInput([{ field: 'tenantId', message: 'name the province' }]);
    if (viewer.role !== Role.NATIONAL_ADMIN && input.tenantId && input.tenantId !== viewer.tenantId) {
      throw badInput([{ field: 'tenantId', message: 'you may enter figures of your own province only' }]);
    }
    return saveReferenceFigure(await context.db(), context.requestId, input, tenantId);
  }
}
