import { IsUUID } from 'class-validator';
import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { connectionComplexity, connectionOf } from '../graphql/pagination.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { AdminUnit } from './admin-unit.entity.js';
import { AdminUnitsArgs } from './admin-unit.inputs.js';
import { AdminUnitSuccession } from './admin-unit-succession.js';
import { idsOnPath, listAdminUnits } from './admin-unit.service.js';

export const AdminUnitConnection = connectionOf(AdminUnit, 'AdminUnit', 'administrative unit');

@ArgsType()
class AdminUnitArgs {
  @Field(() => ID, { description: 'The unit.' })
  @IsUUID('all', { message: 'is not a unit identifier' })
  id: string;
}

@Resolver(() => AdminUnit)
export class AdminUnitResolver {
  @Authorized()
  @Query(() => AdminUnitConnection, {
    description:
      'Administrative units: the children of `parentId`, the matches of `search` anywhere in the hierarchy, or else the root units. A province sees only its own units; the national office sees all.',
    complexity: connectionComplexity,
  })
  async adminUnits(@Args(() => AdminUnitsArgs) args: AdminUnitsArgs, @Ctx() context: Context) {
    return AdminUnitConnection.from(await listAdminUnits(await context.db(), args));
  }

  @Authorized()
  @Query(() => AdminUnit, { nullable: true, description: 'One administrative unit, if it exists and is visible to you.' })
  async adminUnit(@Args(() => AdminUnitArgs) { id }: AdminUnitArgs, @Ctx() context: Context): Promise<AdminUnit | null> {
    return context.loaders.adminUnitById.load(id);
  }

  @FieldResolver(() => AdminUnit, { nullable: true, description: 'The unit this one belongs to; none for a province.' })
  async parent(@Root() unit: AdminUnit, @Ctx() context: Context): Promise<AdminUnit | null> {
    return unit.parentId ? context.loaders.adminUnitById.load(unit.parentId) : null;
  }

  @FieldResolver(() => [AdminUnit], { description: 'Units directly under this one, in official order.', complexity: 20 })
  async children(@Root() unit: AdminUnit, @Ctx() context: Context): Promise<AdminUnit[]> {
    return context.loaders.adminUnitChildren.load(unit.id);
  }

  @FieldResolver(() => Int, { description: 'Number of units directly under this one.' })
  async childCount(@Root() unit: AdminUnit, @Ctx() context: Context): Promise<number> {
    return context.loaders.adminUnitChildCount.load(unit.id);
  }

  @FieldResolver(() => [AdminUnit], { description: 'The units above this one, from the province down.' })
  async ancestors(@Root() unit: AdminUnit, @Ctx() context: Context): Promise<AdminUnit[]> {
    const ancestorIds = idsOnPath(unit.path).filter((id) => id !== unit.id);
    const ancestors = await context.loaders.adminUnitById.loadMany(ancestorIds);
    return ancestors.filter((ancestor): ancestor is AdminUnit => ancestor instanceof AdminUnit);
  }

  @FieldResolver(() => [AdminUnitSuccession], {
    description: 'For a retired unit: the units that took its place (the merged unit, or the parts of a split).',
  })
  async successors(@Root() unit: AdminUnit, @Ctx() context: Context): Promise<AdminUnitSuccession[]> {
    return context.loaders.successionsFromUnit.load(unit.id);
  }

  @FieldResolver(() => [AdminUnitSuccession], { description: 'The retired units this one took the place of, wholly or in part.' })
  async predecessors(@Root() unit: AdminUnit, @Ctx() context: Context): Promise<AdminUnitSuccession[]> {
    return context.loaders.successionsIntoUnit.load(unit.id);
  }

  @FieldResolver(() => Int, {
    description: 'Clubs placed in this unit (as their commune or hamlet) that you can see. A unit with clubs can only be retired with successors.',
  })
  async clubCount(@Root() unit: AdminUnit, @Ctx() context: Context): Promise<number> {
    return context.loaders.clubCountOfUnit.load(unit.id);
  }

  @FieldResolver(() => Tenant, { description: 'The province workspace the unit belongs to.' })
  async tenant(@Root() unit: AdminUnit, @Ctx() context: Context): Promise<Tenant> {
    const tenant = await context.loaders.tenantById.load(unit.tenantId);
    if (!tenant) throw new Error(`tenant ${unit.tenantId} of a visible unit is not visible`);
    return tenant;
  }
}


@Resolver(() => AdminUnitSuccession)
export class AdminUnitSuccessionResolver {
  @FieldResolver(() => AdminUnit, { description: 'The retired unit.' })
  async predecessor(@Root() succession: AdminUnitSuccession, @Ctx() context: Context): Promise<AdminUnit> {
    return visibleUnit(context, succession.predecessorId);
  }

  @FieldResolver(() => AdminUnit, { description: 'The unit that took (part of) its place.' })
  async successor(@Root() succession: AdminUnitSuccession, @Ctx() context: Context): Promise<AdminUnit> {
    return visibleUnit(context, succession.successorId);
  }
}

async function visibleUnit(context: Context, id: string): Promise<AdminUnit> {
  const unit = await context.loaders.adminUnitById.load(id);
  if (!unit) throw new Error(`unit ${id} of a visible succession is not visible`);
  return unit;
}
