import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../graphql/scalars.js';

@ObjectType({ description: 'A field survey (khảo sát) of the province, e.g. to build the club plan.' })
export class Survey {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  /** The province the survey was made in; differs from the workspace once that province merged. */
  originTenantId: string;

  schemeId: string | null;

  @Field(() => String, { description: 'Title.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Why the survey is made.' })
  purpose: string | null;

  @Field(() => String, { nullable: true, description: 'Who carries it out.' })
  conductedBy: string | null;

  @Field(() => LocalDateScalar, { description: 'First day.' })
  startedOn: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day.' })
  endedOn: string | null;

  @Field(() => Int, { description: 'Version for optimistic concurrency.' })
  version: number;
}

@ObjectType({ description: 'A survey’s visit to one administrative unit, and what it found.' })
export class SurveyVisit {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  surveyId: string;

  unitId: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of the visit.' })
  visitedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Who took part.' })
  participants: string | null;

  @Field(() => Int, { nullable: true, description: 'Clubs found in the unit.' })
  clubsFound: number | null;

  @Field(() => String, { nullable: true, description: 'How the clubs work.' })
  clubActivity: string | null;

  @Field(() => String, { nullable: true, description: 'Difficulties reported.' })
  difficulties: string | null;

  @Field(() => String, { nullable: true, description: 'Proposals made.' })
  proposals: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the unit is ready for a new club; none if not judged.' })
  readyForClub: boolean | null;

  @Field(() => Int, { description: 'Version for optimistic concurrency.' })
  version: number;
}
