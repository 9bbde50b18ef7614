import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '../graphql/scalars.js';

export enum ActivityArea {
  LIVELIHOOD = 'LIVELIHOOD',
  HEALTH = 'HEALTH',
  HOME_CARE = 'HOME_CARE',
  SELF_HELP = 'SELF_HELP',
  RIGHTS = 'RIGHTS',
  LEARNING = 'LEARNING',
  CULTURE = 'CULTURE',
  RESOURCE_MOBILISATION = 'RESOURCE_MOBILISATION',
}
registerEnumType(ActivityArea, {
  name: 'ActivityArea',
  description: 'The eight areas of a club’s activity.',
  valuesConfig: {
    LIVELIHOOD: { description: '1. Livelihoods and income generation (revolving loans).' },
    HEALTH: { description: '2. Health care: regular checks, exercise.' },
    HOME_CARE: { description: '3. Volunteer home care.' },
    SELF_HELP: { description: '4. Self-help and community support.' },
    RIGHTS: { description: '5. Rights and entitlements.' },
    LEARNING: { description: '6. Lifelong learning: talks, training.' },
    CULTURE: { description: '7. Culture, arts, visits and exchanges.' },
    RESOURCE_MOBILISATION: { description: '8. Resource mobilisation.' },
  },
});

export enum HomeCareKind {
  HOUSEWORK = 'HOUSEWORK',
  PERSONAL_CARE = 'PERSONAL_CARE',
  HEALTH_CHECK = 'HEALTH_CHECK',
  EMOTIONAL_SUPPORT = 'EMOTIONAL_SUPPORT',
  OTHER = 'OTHER',
}
registerEnumType(HomeCareKind, { name: 'HomeCareKind', description: 'Kinds of help given on a home-care visit.' });

@ObjectType({ description: 'An activity of a club; the monthly meeting is one.' })
export class Activity {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  clubId: string;

  @Field(() => LocalDateScalar, { description: 'Day it was held.' })
  heldOn: string;

  @Field(() => ActivityArea, { description: 'The area of activity.' })
  area: ActivityArea;

  @Field(() => Boolean, { description: 'Whether this is the club’s monthly meeting.' })
  monthlyMeeting: boolean;

  @Field(() => String, { description: 'Title.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Notes.' })
  notes: string | null;

  @Field(() => Int, { description: 'How many members came.' })
  attendanceCount: number;

  @Field(() => Int, { description: 'Version for optimistic concurrency.' })
  version: number;
}

@ObjectType({ description: 'A home-care visit by a volunteer to a member.' })
export class HomeCareVisit {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  clubId: string;

  volunteerId: string;

  memberId: string;

  @Field(() => LocalDateScalar, { description: 'Day of the visit.' })
  visitedOn: string;

  @Field(() => [HomeCareKind], { description: 'Kinds of help given.' })
  kinds: HomeCareKind[];

  @Field(() => String, { nullable: true, description: 'Notes.' })
  notes: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  recordedAt: Date;
}
