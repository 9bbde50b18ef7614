import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import type { Context } from '../graphql/context.js';
import { Role } from '../users/role.js';
import { User } from '../users/user.entity.js';
import { Tenant } from './tenant.entity.js';
import { mergeProvinces } from './tenant-merge.service.js';
import { CreateTenantInput, MergeProvincesInput, TenantArgs } from './tenant.inputs.js';
import { createTenant, listTenants } from './tenant.service.js';

@ObjectType({ description: 'A new province workspace and its first administrator.' })
export class CreateTenantPayload {
  @Field(() => Tenant, { description: 'The new workspace.' })
  tenant: Tenant;

  @Field(() => User, { description: 'Its first province admin.' })
  admin: User;
}

@Resolver(() => Tenant)
export class TenantResolver {
  @Authorized()
  @Query(() => [Tenant], { description: 'Province workspaces: all for the national office, one\'s own otherwise. By GSO code.' })
  async tenants(@Ctx() context: Context): Promise<Tenant[]> {
    return listTenants(await context.db());
  }

  @Authorized()
  @Query(() => Tenant, { nullable: true, description: 'One province workspace, if visible to you.' })
  async tenant(@Args(() => TenantArgs) { id }: TenantArgs, @Ctx() context: Context): Promise<Tenant | null> {
    return context.loaders.tenantById.load(id);
  }

  @Authorized([Role.NATIONAL_ADMIN])
  @Mutation(() => CreateTenantPayload, { description: 'Creates a province workspace with its root unit and first province admin.' })
  async createTenant(
    @Arg('input', () => CreateTenantInput) input: CreateTenantInput,
    @Ctx() context: Context,
  ): Promise<CreateTenantPayload> {
    const created = await createTenant(await context.db(), context.requestId, input);
    return Object.assign(new CreateTenantPayload(), created);
  }

  @Authorized([Role.NATIONAL_ADMIN])
  @Mutation(() => Tenant, {
    description:
      'Merges two or more province workspaces into one from a day, into an existing workspace or a new one: clubs, members, ' +
      'funds, loans, activities, reports, units, schemes, surveys and accounts carry on in the successor; the predecessors are ' +
      'retired the day before and stay readable as history. All or nothing, audited. Answers the successor.',
  })
  async mergeProvinces(@Arg('input', () => MergeProvincesInput) input: MergeProvincesInput, @Ctx() context: Context): Promise<Tenant> {
    const db = await context.db();
    const { successorId } = await mergeProvinces(db, context.requestId, input);
    return db.findOneByOrFail(Tenant, { id: successorId });
  }

  @FieldResolver(() => Tenant, { nullable: true, description: 'The province this one was merged into, once retired.' })
  async successor(@Root() tenant: Tenant, @Ctx() context: Context): Promise<Tenant | null> {
    const lineage = await context.loaders.lineageOfTenant.load(tenant.id);
    const into = lineage.find((row) => row.predecessorId === tenant.id);
    return into ? context.loaders.tenantById.load(into.successorId) : null;
  }

  @FieldResolver(() => [Tenant], { description: 'The provinces merged into this one, directly (each may have its own predecessors).' })
  async predecessors(@Root() tenant: Tenant, @Ctx() context: Context): Promise<Tenant[]> {
    const lineage = await context.loaders.lineageOfTenant.load(tenant.id);
    const from = lineage.filter((row) => row.successorId === tenant.id);
    const tenants = await Promise.all(from.map((row) => context.loaders.tenantById.load(row.predecessorId)));
    return tenants.filter((found): found is Tenant => found !== null).sort((a, b) => a.code.localeCompare(b.code));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why the province was merged into its successor (the record of the merge), once retired.' })
  async mergeReason(@Root() tenant: Tenant, @Ctx() context: Context): Promise<string | null> {
    const lineage = await context.loaders.lineageOfTenant.load(tenant.id);
    return lineage.find((row) => row.predecessorId === tenant.id)?.reason ?? null;
  }

  @FieldResolver(() => [AdminUnit], { description: 'The top units of the province (the province itself).' })
  async rootUnits(@Root() tenant: Tenant, @Ctx() context: Context): Promise<AdminUnit[]> {
    return context.loaders.rootUnitsByTenant.load(tenant.id);
  }
}
