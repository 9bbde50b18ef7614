import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../graphql/scalars.js';

export enum Sex {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}
registerEnumType(Sex, { name: 'Sex', description: 'Sex of a member, as the quality standard counts women.' });

export enum BoardRole {
  HEAD = 'HEAD',
  DEPUTY = 'DEPUTY',
  TREASURER = 'TREASURER',
  SECRETARY = 'SECRETARY',
}
registerEnumType(BoardRole, {
  name: 'BoardRole',
  description: 'A seat on the club’s management board.',
  valuesConfig: {
    HEAD: { description: 'Chủ nhiệm: head of the club.' },
    DEPUTY: { description: 'Phó chủ nhiệm: deputy head.' },
    TREASURER: { description: 'Thủ quỹ: keeps the funds.' },
    SECRETARY: { description: 'Thư ký: keeps the records.' },
  },
});

export enum DuplicateStatus {
  NONE = 'NONE',
  POSSIBLE = 'POSSIBLE',
  CONFIRMED_DISTINCT = 'CONFIRMED_DISTINCT',
}
registerEnumType(DuplicateStatus, {
  name: 'DuplicateStatus',
  description: 'Whether a member may be someone already in a club of the province.',
  valuesConfig: {
    NONE: { description: 'No one in the province matched when the member was recorded.' },
    POSSIBLE: { description: 'Someone matched (citizen ID, or name and birth year); the staff should check.' },
    CONFIRMED_DISTINCT: { description: 'The staff checked: a different person.' },
  },
});

export enum MemberStanding {
  CURRENT = 'CURRENT',
  LEFT = 'LEFT',
  ALL = 'ALL',
}
registerEnumType(MemberStanding, { name: 'MemberStanding', description: 'Members who are in the club now, who have left, or both.' });

/** Older people are 60 and over (Law on the Elderly); the age is reached in the birth year's course. */
export const OLDER_AGE = 60;

/**
 * How long after being added a member entered by mistake can be taken out again; the database's
 * policy on deleting members says the same (migration MembersEnteredInError).
 */
export const REMOVAL_WINDOW_HOURS = 24;

// Plain fields read straight from the row (simple resolvers): a roster page resolves thousands.
@ObjectType({ simpleResolvers: true, description: 'A member of a club. Names and personal details never leave the province.' })
export class Member {
  tenantId: string;

  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  clubId: string;

  @Field(() => String, { description: 'Full name.' })
  fullName: string;

  @Field(() => Sex, { description: 'Sex.' })
  sex: Sex;

  @Field(() => Int, { description: 'Year of birth.' })
  birthYear: number;

  @Field(() => String, { nullable: true, description: 'Citizen ID number (CCCD), 12 digits.' })
  citizenId: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number.' })
  phone: string | null;

  hamletId: string | null;

  @Field(() => LocalDateScalar, { description: 'Day the member joined.' })
  joinedOn: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the member left, if they have.' })
  leftOn: string | null;

  @Field(() => String, { nullable: true, description: 'Why the member left.' })
  leaveReason: string | null;

  @Field(() => Boolean, { description: 'From a poor household (hộ nghèo).' })
  poorHousehold: boolean;

  @Field(() => Boolean, { description: 'From a near-poor household (hộ cận nghèo).' })
  nearPoorHousehold: boolean;

  @Field(() => String, { nullable: true, description: 'The ethnic minority the member belongs to, if any.' })
  ethnicMinority: string | null;

  @Field(() => Boolean, { description: 'Lives with a disability.' })
  disability: boolean;

  @Field(() => Boolean, { description: 'Lives alone.' })
  livesAlone: boolean;

  @Field(() => Boolean, { description: 'Needs home care.' })
  needsHomeCare: boolean;

  @Field(() => BoardRole, { nullable: true, description: 'Seat on the management board, if any.' })
  boardRole: BoardRole | null;

  @Field(() => Boolean, { description: 'Serves as a home-care volunteer.' })
  homeCareVolunteer: boolean;

  @Field(() => DuplicateStatus, { description: 'Whether the member may be someone already in a club of the province.' })
  duplicateStatus: DuplicateStatus;

  @Field(() => Int, { description: 'Version for optimistic concurrency.' })
  version: number;

  createdAt: Date;
}

@ObjectType({ description: 'Someone in a club of the province who may be the same person.' })
export class DuplicateCandidate {
  @Field(() => ID, { description: 'The member who matched.' })
  memberId: string;

  @Field(() => ID, { description: 'Their club.' })
  clubId: string;

  @Field(() => String, { description: 'Name of their club.' })
  clubName: string;

  @Field(() => String, { description: 'Their full name.' })
  fullName: string;

  @Field(() => Int, { description: 'Their year of birth.' })
  birthYear: number;

  @Field(() => String, { description: 'What matched: CITIZEN_ID, or NAME_AND_BIRTH_YEAR.' })
  matchedBy: string;
}

@ObjectType({ description: 'A member taken out as entered by mistake: removed, or merged into the person already on record.' })
export class MemberRemoval {
  @Field(() => ID, { description: 'The member taken out; no longer on record.' })
  removedMemberId: string;

  @Field(() => DuplicateCandidate, { nullable: true, description: 'The person kept, when merged.' })
  mergedInto: DuplicateCandidate | null;

  @Field(() => Int, { description: 'Attendance records moved to the person kept.' })
  attendanceMoved: number;

  @Field(() => Int, { description: 'Home-care visits moved to the person kept (as visited or as volunteer).' })
  visitsMoved: number;
}
