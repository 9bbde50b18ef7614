import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ClubPlanStatus {
  PLANNED = 'PLANNED',
  FOUNDED = 'FOUNDED',
  DROPPED = 'DROPPED',
}

registerEnumType(ClubPlanStatus, {
  name: 'ClubPlanStatus',
  description: 'Where a planned club stands.',
  valuesConfig: {
    PLANNED: { description: 'Planned, not yet founded.' },
    FOUNDED: { description: 'The club was founded.' },
    DROPPED: { description: 'Taken out of the plan; kept for the record.' },
  },
});

@ObjectType({ description: 'A commune of the club plan: the club it gets, in which year and hamlet.' })
export class ClubPlanEntry {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  schemeId: string;

  communeId: string;

  hamletId: string | null;

  @Field(() => String, { nullable: true, description: 'The hamlet (ấp, khu phố…) by name, when it is not in the hierarchy.' })
  hamletName: string | null;

  @Field(() => Int, { description: 'Year the club is to be founded.' })
  plannedYear: number;

  @Field(() => ClubPlanStatus, { description: 'Where it stands.' })
  status: ClubPlanStatus;

  clubId: string | null;

  surveyVisitId: string | null;

  @Field(() => String, { nullable: true, description: 'Remarks.' })
  note: string | null;

  @Field(() => Int, { description: 'Version for optimistic concurrency.' })
  version: number;
}
