import { IsUUID } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { FundBalances } from '../funds/ledger.types.js';
import type { Context } from '../graphql/context.js';
import { connectionComplexity, connectionOf } from '../graphql/pagination.js';
import { boardOf, volunteersOf } from '../members/member.service.js';
import { Member } from '../members/member.types.js';
import { Scheme } from '../schemes/scheme.types.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { Role } from '../users/role.js';
import { QualityChecklist } from './club-quality.js';
import { Club, ClubStatusChange } from './club.entity.js';
import { ChangeClubStatusInput, ClubsArgs, CreateClubInput, UpdateClubInput } from './club.inputs.js';
import { changeClubStatus, createClub, listClubs, statusHistoryOf, updateClub } from './club.service.js';

export const ClubConnection = connectionOf(Club, 'Club', 'club');

const PROVINCE_OR_CLUB = [Role.PROVINCE_ADMIN, Role.CLUB_STAFF];

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
  @Query(() => Club, { nullable: true, description: 'One club, if visible to you.' })
  async club(@Args(() => ClubArgs) { id }: ClubArgs, @Ctx() context: Context): Promise<Club | null> {
    return context.loaders.clubById.load(id);
  }

  @Authorized([Role.PROVINCE_ADMIN, Role.NATIONAL_ADMIN, Role.NATIONAL_VIEWER])
  @Query(() => ClubConnection, {
    description: 'Clubs by name: a province sees its own, the national office every province’s.',
    complexity: connectionComplexity,
  })
  async clubs(@Args(() => ClubsArgs) args: ClubsArgs, @Ctx() context: Context) {
    return ClubConnection.from(await listClubs(await context.db(), args));
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Club, { description: 'Adds a club of your province, active if it has a founding day, else planned.' })
  async createClub(@Arg('input', () => CreateClubInput) input: CreateClubInput, @Ctx() context: Context): Promise<Club> {
    return createClub(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Club, { description: 'Changes what is recorded about a club.' })
  async updateClub(@Arg('input', () => UpdateClubInput) input: UpdateClubInput, @Ctx() context: Context): Promise<Club> {
    return updateClub(await context.db(), context.requestId, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => Club, { description: 'Founds, suspends, resumes or dissolves a club, from a day, with the reason kept.' })
  async changeClubStatus(@Arg('input', () => ChangeClubStatusInput) input: ChangeClubStatusInput, @Ctx() context: Context): Promise<Club> {
    return changeClubStatus(await context.db(), context.requestId, input);
  }

  @FieldResolver(() => Scheme, { nullable: true, description: 'The scheme the club was founded under.' })
  async scheme(@Root() club: Club, @Ctx() context: Context): Promise<Scheme | null> {
    return club.schemeId ? context.loaders.schemeById.load(club.schemeId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the club fulfils an entry of its province’s club plan.' })
  async inClubPlan(@Root() club: Club, @Ctx() context: Context): Promise<boolean> {
    return context.loaders.inClubPlan.load(club.id);
  }

  @Authorized(PROVINCE_OR_CLUB)
  @FieldResolver(() => Int, { description: 'Members now in the club.' })
  async memberCount(@Root() club: Club, @Ctx() context: Context): Promise<number> {
    return context.loaders.memberCountByClub.load(club.id);
  }

  @Authorized(PROVINCE_OR_CLUB)
  @FieldResolver(() => FundBalances, { description: 'What the two funds hold now.' })
  async fundBalances(@Root() club: Club, @Ctx() context: Context): Promise<FundBalances> {
    return context.loaders.fundBalancesByClub.load(club.id);
  }

  @Authorized(PROVINCE_OR_CLUB)
  @FieldResolver(() => QualityChecklist, { description: 'The club today against the national quality standard.' })
  async qualityChecklist(@Root() club: Club, @Ctx() context: Context): Promise<QualityChecklist> {
    return context.loaders.clubQualityToday.load(club.id);
  }

  @Authorized(PROVINCE_OR_CLUB)
  @FieldResolver(() => [Member], { description: 'The management board: head, deputies, treasurer, secretary.' })
  async board(@Root() club: Club, @Ctx() context: Context): Promise<Member[]> {
    return boardOf(await context.db(), club.id);
  }

  @Authorized(PROVINCE_OR_CLUB)
  @FieldResolver(() => [Member], { description: 'The home-care volunteers.' })
  async homeCareVolunteers(@Root() club: Club, @Ctx() context: Context): Promise<Member[]> {
    return volunteersOf(await context.db(), club.id);
  }

  @FieldResolver(() => [ClubStatusChange], { description: 'Every status the club has had, oldest first, with its reason.' })
  async statusHistory(@Root() club: Club, @Ctx() context: Context): Promise<ClubStatusChange[]> {
    return statusHistoryOf(await context.db(), club.id);
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
