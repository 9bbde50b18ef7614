import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import type { Context } from '../graphql/context.js';
import { Role } from '../users/role.js';
import { User } from '../users/user.entity.js';
import { Tenant } from './tenant.entity.js';
import { CreateTenantInput, TenantArgs } from './tenant.inputs.js';
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

  @FieldResolver(() => [AdminUnit], { description: 'The top units of the province (the province itself).' })
  async rootUnits(@Root() tenant: Tenant, @Ctx() context: Context): Promise<AdminUnit[]> {
    return context.loaders.rootUnitsByTenant.load(tenant.id);
  }
}
