import { IsOptional, IsUUID } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { todayInVietnam } from '../calendar.js';
import { Club } from '../clubs/club.entity.js';
import { CLUB_ROLES, clubOf } from '../clubs/club-scope.js';
import type { Context } from '../graphql/context.js';
import { asksForTotal, connectionComplexity, connectionOf } from '../graphql/pagination.js';
import { DateTimeScalar, LocalDateScalar } from '../graphql/scalars.js';
import {
  CreateMemberInput,
  DuplicateCheckArgs,
  MemberLeftInput,
  MembersArgs,
  MemberVersionInput,
  MergeMemberInput,
  RemoveMemberInput,
  UpdateMemberInput,
} from './member.inputs.js';
import {
  ageOn,
  confirmMemberDistinct,
  createMember,
  findDuplicateCandidates,
  isOlderOn,
  listMembers,
  mergeMemberInto,
  recordMemberLeft,
  removableUntil,
  removeMemberEnteredInError,
  updateMember,
} from './member.service.js';
import { DuplicateCandidate, DuplicateStatus, Member, MemberRemoval, REMOVAL_WINDOW_HOURS } from './member.types.js';

export const MemberConnection = connectionOf(Member, 'Member', 'member');

@ArgsType()
class MemberArgs {
  @Field(() => ID, { description: 'The member.' })
  @IsUUID('all', { message: 'is not a member identifier' })
  id: string;
}

@ArgsType()
class OnDayArgs {
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day in question; today if not given.' })
  @IsOptional()
  on?: string | null;
}

/**
 * Age and "older" come from the member's row alone. The schema resolves them with these functions
 * directly (graphql/schema.ts): through type-graphql's argument handling every call would become a
 * promise, and a roster page asks for both for every member.
 */
export const memberFieldsFromRow = {
  age: (member: Member, { on }: OnDayArgs): number => ageOn(member.birthYear, on ?? todayInVietnam()),
  older: (member: Member, { on }: OnDayArgs): boolean => isOlderOn(member.birthYear, on ?? todayInVietnam()),
};

@Resolver(() => Member)
export class MemberResolver {
  @Authorized(CLUB_ROLES)
  @Query(() => MemberConnection, {
    description: 'Members of a club by name; club staff see their own club. Search ignores accents and case.',
    complexity: connectionComplexity,
  })
  async members(@Args(() => MembersArgs) args: MembersArgs, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    const clubId = clubOf(context, args.clubId);
    return MemberConnection.from(await listMembers(await context.db(), clubId, args, { withTotal: asksForTotal(info) }));
  }

  @Authorized(CLUB_ROLES)
  @Query(() => Member, { nullable: true, description: 'One member, if visible to you.' })
  async member(@Args(() => MemberArgs) { id }: MemberArgs, @Ctx() context: Context): Promise<Member | null> {
    return context.loaders.memberById.load(id);
  }

  @Authorized(CLUB_ROLES)
  @Query(() => [DuplicateCandidate], {
    description: 'People already in a club of the province who may be the one being entered: same citizen ID, or same name and birth year.',
  })
  async memberDuplicateCandidates(@Args(() => DuplicateCheckArgs) args: DuplicateCheckArgs, @Ctx() context: Context): Promise<DuplicateCandidate[]> {
    return findDuplicateCandidates(await context.db(), args);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Member, { description: 'Adds a member. A possible duplicate is saved and flagged for the staff to check, not refused.' })
  async createMember(@Arg('input', () => CreateMemberInput) input: CreateMemberInput, @Ctx() context: Context): Promise<Member> {
    return createMember(await context.db(), context.requestId, clubOf(context, input.clubId), input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Member, { description: 'Changes what is recorded about a member.' })
  async updateMember(@Arg('input', () => UpdateMemberInput) input: UpdateMemberInput, @Ctx() context: Context): Promise<Member> {
    return updateMember(await context.db(), context.requestId, input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Member, { description: 'Records that a member left the club, with the day and reason; their history stays.' })
  async recordMemberLeft(@Arg('input', () => MemberLeftInput) input: MemberLeftInput, @Ctx() context: Context): Promise<Member> {
    return recordMemberLeft(await context.db(), context.requestId, input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => Member, { description: 'The staff checked a possible duplicate: a different person.' })
  async confirmMemberDistinct(@Arg('input', () => MemberVersionInput) input: MemberVersionInput, @Ctx() context: Context): Promise<Member> {
    return confirmMemberDistinct(await context.db(), context.requestId, input.id, input.version);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => MemberRemoval, {
    description: `Takes out a member entered by mistake, within ${REMOVAL_WINDOW_HOURS} hours of being added and while nothing is recorded for them. They do not count as someone who left.`,
  })
  async removeMember(@Arg('input', () => RemoveMemberInput) input: RemoveMemberInput, @Ctx() context: Context): Promise<MemberRemoval> {
    return removeMemberEnteredInError(await context.db(), context.requestId, input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => MemberRemoval, {
    description:
      'Merges a member entered twice into the person already on record (one of their possible duplicates): the entry is taken out, its attendance and home-care visits move to the person kept when in the same club. Refused while the entry has loans or fund entries.',
  })
  async mergeMember(@Arg('input', () => MergeMemberInput) input: MergeMemberInput, @Ctx() context: Context): Promise<MemberRemoval> {
    return mergeMemberInto(await context.db(), context.requestId, input);
  }

  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description: `Until when the member can be taken out as entered by mistake: ${REMOVAL_WINDOW_HOURS} hours after being added, while nothing is recorded for them; null after.`,
  })
  async removableUntil(@Root() member: Member, @Ctx() context: Context): Promise<Date | null> {
    return removableUntil(await context.db(), member);
  }

  @FieldResolver(() => Int, { description: 'Age reached in the year of the day in question.' })
  age(@Root() member: Member, @Args(() => OnDayArgs) args: OnDayArgs): number {
    return memberFieldsFromRow.age(member, args);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the member is an older person (60 and over) on the day in question; computed, never stored.' })
  older(@Root() member: Member, @Args(() => OnDayArgs) args: OnDayArgs): boolean {
    return memberFieldsFromRow.older(member, args);
  }

  @FieldResolver(() => Club, { description: 'The member’s club.' })
  async club(@Root() member: Member, @Ctx() context: Context): Promise<Club> {
    const club = await context.loaders.clubById.load(member.clubId);
    if (!club) throw new Error(`club of member ${member.id} is not visible`);
    return club;
  }

  @FieldResolver(() => AdminUnit, { nullable: true, description: 'The hamlet the member lives in.' })
  async hamlet(@Root() member: Member, @Ctx() context: Context): Promise<AdminUnit | null> {
    return member.hamletId ? context.loaders.adminUnitById.load(member.hamletId) : null;
  }

  @FieldResolver(() => [DuplicateCandidate], { description: 'Who the member may be a duplicate of, while flagged.' })
  async possibleDuplicates(@Root() member: Member, @Ctx() context: Context): Promise<DuplicateCandidate[]> {
    if (member.duplicateStatus !== DuplicateStatus.POSSIBLE) return [];
    return findDuplicateCandidates(await context.db(), { ...member, exceptMemberId: member.id });
  }
}
