import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../graphql/decimal.js';
import { LocalDateScalar } from '../graphql/scalars.js';

export enum IndicatorUnit {
  COUNT = 'COUNT',
  PERCENT = 'PERCENT',
  VND = 'VND',
}

registerEnumType(IndicatorUnit, {
  name: 'IndicatorUnit',
  description: 'What an indicator counts.',
  valuesConfig: {
    COUNT: { description: 'A number of clubs, communes or people.' },
    PERCENT: { description: 'A percentage, 0 to 100.' },
    VND: { description: 'Money in whole đồng.' },
  },
});

export enum TargetComparator {
  AT_LEAST = 'AT_LEAST',
  MORE_THAN = 'MORE_THAN',
  EXACTLY = 'EXACTLY',
}

registerEnumType(TargetComparator, {
  name: 'TargetComparator',
  description: 'How a national target is stated.',
  valuesConfig: {
    AT_LEAST: { description: 'At least the value (≥).' },
    MORE_THAN: { description: 'More than the value (>).' },
    EXACTLY: { description: 'Exactly the value, e.g. 100%.' },
  },
});

@ObjectType({ description: 'An indicator of the catalogue all provinces share, so that they can be compared.' })
export class Indicator {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  @Field(() => String, { description: 'Stable code, e.g. NEW_CLUBS.' })
  code: string;

  @Field(() => String, { description: 'Name in Vietnamese.' })
  nameVi: string;

  @Field(() => String, { description: 'Name in English.' })
  nameEn: string;

  @Field(() => IndicatorUnit, { description: 'What the indicator counts.' })
  unit: IndicatorUnit;

  @Field(() => Boolean, { description: 'Whether values add up over units, so a breakdown by unit may not exceed the total.' })
  additive: boolean;

  @Field(() => String, { description: 'Definition in Vietnamese.' })
  definitionVi: string;

  @Field(() => String, { description: 'Definition in English.' })
  definitionEn: string;

  @Field(() => Int, { description: 'Place in the catalogue.' })
  sortOrder: number;

  @Field(() => Int, { description: 'Version for optimistic concurrency.' })
  version: number;
}

@ObjectType({ description: 'A target of a national phase, as the decision states it.' })
export class NationalPhaseTarget {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  indicatorId: string | null;

  @Field(() => TargetComparator, { description: 'How the target is stated.' })
  comparator: TargetComparator;

  @Field(() => DecimalScalar, { nullable: true, description: 'The value, when the target is measured by an indicator.' })
  targetValue: string | null;

  @Field(() => Int, { nullable: true, description: 'Year by which the target is due.' })
  byYear: number | null;

  @Field(() => String, { description: 'The target in Vietnamese, as the decision words it.' })
  descriptionVi: string;

  @Field(() => String, { description: 'The target in English.' })
  descriptionEn: string;
}

@ObjectType({ description: 'A phase of the national program, set by a decision of the Prime Minister.' })
export class NationalPhase {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  @Field(() => String, { description: 'Number of the decision, e.g. 1336/QĐ-TTg.' })
  decisionNumber: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the decision was signed, where known.' })
  decisionDate: string | null;

  @Field(() => Int, { description: 'Year the decision was signed.' })
  decisionYear: number;

  @Field(() => String, { description: 'Title of the national scheme.' })
  title: string;

  @Field(() => Int, { description: 'First year of the phase.' })
  firstYear: number;

  @Field(() => Int, { description: 'Last year of the phase.' })
  lastYear: number;

  @Field(() => [NationalPhaseTarget], { description: 'The national targets of the phase.' })
  targets: NationalPhaseTarget[];

  @Field(() => Int, { description: 'Version for optimistic concurrency.' })
  version: number;
}
