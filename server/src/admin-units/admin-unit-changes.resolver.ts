import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { type Context, viewerOf } from '../graphql/context.js';
import { badInput } from '../graphql/errors.js';
import { Role } from '../users/role.js';
import { AdminUnit } from './admin-unit.entity.js';
import {
  AdminUnitsCsvArgs,
  MergeAdminUnitsInput,
  NewAdminUnitInput,
  RetireAdminUnitInput,
  SplitAdminUnitInput,
  UpdateAdminUnitInput,
  VersionedUnitInput,
} from './admin-unit.inputs.js';
import {
  createAdminUnit,
  deleteAdminUnit,
  mergeAdminUnits,
  retireAdminUnit,
  splitAdminUnit,
  updateAdminUnit,
} from './admin-unit-changes.service.js';
import {
  AddImportRowsArgs,
  AdminUnitImport,
  AdminUnitImportPreview,
  CommitImportArgs,
  ImportIdArgs,
  StartImportArgs,
} from './admin-unit-import.types.js';
import { addImportRows, commitImport, exportUnitsCsv, previewImport, startImport } from './admin-unit-import.service.js';

/** Changes to the hierarchy: only a province admin, in its own province (row-level security). */
@Resolver()
export class AdminUnitChangeResolver {
  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => AdminUnit, { description: 'Adds a unit under a unit in force.' })
  async createAdminUnit(@Arg('input', () => NewAdminUnitInput) input: NewAdminUnitInput, @Ctx() context: Context): Promise<AdminUnit> {
    return createAdminUnit(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => AdminUnit, {
    description: 'Renames, recodes, changes the kind of, or moves a unit (with everything under it). A unit cannot move under itself.',
  })
  async updateAdminUnit(@Arg('input', () => UpdateAdminUnitInput) input: UpdateAdminUnitInput, @Ctx() context: Context): Promise<AdminUnit> {
    return updateAdminUnit(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => AdminUnit, {
    description:
      'Retires a unit (giải thể), keeping it for history. With one successor it is merged into it; with several it is split among them. A unit with clubs needs a successor.',
  })
  async retireAdminUnit(@Arg('input', () => RetireAdminUnitInput) input: RetireAdminUnitInput, @Ctx() context: Context): Promise<AdminUnit> {
    return retireAdminUnit(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => AdminUnit, {
    description: 'Merges units (sáp nhập) into one, existing or new: they are retired, their active units move under it. Returns the successor.',
  })
  async mergeAdminUnits(@Arg('input', () => MergeAdminUnitsInput) input: MergeAdminUnitsInput, @Ctx() context: Context): Promise<AdminUnit> {
    return mergeAdminUnits(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => [AdminUnit], { description: 'Splits a unit (chia tách) among several successors, existing or new. Returns the successors.' })
  async splitAdminUnit(@Arg('input', () => SplitAdminUnitInput) input: SplitAdminUnitInput, @Ctx() context: Context): Promise<AdminUnit[]> {
    return splitAdminUnit(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => ID, {
    description: 'Deletes a unit entered by mistake. A unit with units under it, clubs or history cannot be deleted; retire it instead.',
  })
  async deleteAdminUnit(@Arg('input', () => VersionedUnitInput) input: VersionedUnitInput, @Ctx() context: Context): Promise<string> {
    return deleteAdminUnit(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => AdminUnitImport, { description: 'Starts a CSV import of units. The file is then uploaded in pieces with addAdminUnitImportRows.' })
  async startAdminUnitImport(@Args(() => StartImportArgs) { fileName }: StartImportArgs, @Ctx() context: Context): Promise<AdminUnitImport> {
    return AdminUnitImport.of(await startImport(await context.db(), fileName ?? null));
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => AdminUnitImport, {
    description: 'Uploads one piece of an import file. The rows wait, unchecked and not applied, until previewed and committed.',
  })
  async addAdminUnitImportRows(@Args(() => AddImportRowsArgs) args: AddImportRowsArgs, @Ctx() context: Context): Promise<AdminUnitImport> {
    return AdminUnitImport.of(await addImportRows(await context.db(), args));
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Query(() => AdminUnitImportPreview, {
    description: 'What an import would do, row by row, with every bad row (unknown parent, duplicate code, cycle, bad kind…). Writes nothing.',
  })
  async adminUnitImportPreview(@Args(() => ImportIdArgs) { importId }: ImportIdArgs, @Ctx() context: Context): Promise<AdminUnitImportPreview> {
    return AdminUnitImportPreview.of(await previewImport(await context.db(), importId));
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => AdminUnitImportPreview, {
    description: 'Applies an import: every row or none. Refused if any row has a problem against the hierarchy as it is now.',
  })
  async commitAdminUnitImport(@Args(() => CommitImportArgs) args: CommitImportArgs, @Ctx() context: Context): Promise<AdminUnitImportPreview> {
    return AdminUnitImportPreview.of(await commitImport(await context.db(), context.requestId, args));
  }

  @Authorized([Role.PROVINCE_ADMIN, Role.NATIONAL_ADMIN, Role.NATIONAL_VIEWER])
  @Query(() => String, {
    description: 'The hierarchy as CSV (UTF-8; columns code, name, kind, parent_code, valid_from, valid_to), parents before children; it reads back with the import.',
  })
  async adminUnitsCsv(@Args(() => AdminUnitsCsvArgs) args: AdminUnitsCsvArgs, @Ctx() context: Context): Promise<string> {
    const viewer = viewerOf(context);
    if (viewer.role !== Role.PROVINCE_ADMIN && !args.tenantId && !args.rootId) {
      throw badInput([{ field: 'tenantId', message: 'choose a province' }]);
    }
    return exportUnitsCsv(await context.db(), args);
  }
}
