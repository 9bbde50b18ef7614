import { IsUUID } from 'class-validator';
import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import type { Context } from '../graphql/context.js';
import { connectionComplexity, connectionOf } from '../graphql/pagination.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { Club } from './club.entity.js';
import { ClubsArgs } from './club.inputs.js';
import { listClubs } from './club.service.js';

export const ClubConnection = connectionOf(Club, 'Club', 'club');

@ArgsType()
class ClubArgs {
  @Field(() => ID, { description: 'The club.' })
  @IsUUID('all', { message: 'is not a club identifier' })
  id: string;
}

@Resolver(() => Club)
export class ClubResolver {
  @Authorized()
  @Query(() => Club, { nullable: true, description: "The signed-in club staff's club; null for other accounts." })
  async myClub(@Ctx() context: Context): Promise<Club | null> {
    const clubId = context.viewer?.clubId;
    return clubId ? context.loaders.clubById.load(clubId) : null;
  }

  @Authorized()
  @Query(() => ClubConnection, {
    description: 'Clubs by name: a province sees its own, club staff their own club, the national office all.',
    complexity: connectionComplexity,
  })
  async clubs(@Args(() => ClubsArgs) args: ClubsArgs, @Ctx() context: Context) {
    return ClubConnection.from(await listClubs(await context.db(), args));
  }

  @Authorized()
  @Query(() => Club, { nullable: true, description: 'One club, if visible to you.' })
  async club(@Args(() => ClubArgs) { id }: ClubArgs, @Ctx() context: Context): Promise<Club | null> {
    return context.loaders.clubById.load(id);
  }

  @FieldResolver(() => AdminUnit, { description: 'The commune, ward or town of the club.' })
  async commune(@Root() club: Club, @Ctx() context: Context): Promise<AdminUnit> {
    const commune = await context.loaders.adminUnitById.load(club.communeId);
    if (!commune) throw new Error(`commune of club ${club.id} is not visible`);
    return commune;
  }

  @FieldResolver(() => AdminUnit, { nullable: true, description: 'The hamlet or quarter where the club meets.' })
  async hamlet(@Root() club: Club, @Ctx() context: Context): Promise<AdminUnit | null> {
    return club.hamletId ? context.loaders.adminUnitById.load(club.hamletId) : null;
  }

  @FieldResolver(() => Tenant, { description: 'The province workspace of the club.' })
  async tenant(@Root() club: Club, @Ctx() context: Context): Promise<Tenant> {
    const tenant = await context.loaders.tenantById.load(club.tenantId);
    if (!tenant) throw new Error(`tenant of club ${club.id} is not visible`);
    return tenant;
  }
}
