import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeScalar, LocalDateScalar } from '../graphql/scalars.js';

export enum ClubStatus {
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  DISSOLVED = 'DISSOLVED',
}

registerEnumType(ClubStatus, {
  name: 'ClubStatus',
  description: 'Where a club stands.',
  valuesConfig: {
    PLANNED: { description: 'In the club plan, not yet founded.' },
    ACTIVE: { description: 'Founded and running.' },
    SUSPENDED: { description: 'Not running for now.' },
    DISSOLVED: { description: 'Closed for good; kept for its history.' },
  },
});

@ObjectType({ description: 'A change of a club’s status, with the day it took effect and why.' })
export class ClubStatusChange {
  @Field(() => ClubStatus, { description: 'The status from that day.' })
  status: ClubStatus;

  @Field(() => LocalDateScalar, { description: 'Day it took effect.' })
  effectiveOn: string;

  @Field(() => String, { nullable: true, description: 'Why.' })
  reason: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  recordedAt: Date;
}

@Entity('club')
@ObjectType({ description: 'An Intergenerational Self-Help Club (Câu lạc bộ Liên thế hệ tự giúp nhau).' })
export class Club {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn('uuid')
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  @Column('uuid', { name: 'commune_id' })
  communeId: string;

  @Column('uuid', { name: 'hamlet_id', nullable: true })
  hamletId: string | null;

  @Column('text')
  @Field(() => String, { description: 'Name of the club.' })
  name: string;

  @Column('text')
  @Field(() => ClubStatus, { description: 'Where the club stands.' })
  status: ClubStatus;

  @Column('boolean')
  @Field(() => Boolean, { description: 'Whether the club is sample data for demonstration, not a real club.' })
  sample: boolean;

  @Column('date', { name: 'founded_on', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the club was founded.' })
  foundedOn: string | null;

  @Column('uuid', { name: 'scheme_id', nullable: true })
  schemeId: string | null;

  @Column('date', { name: 'status_since', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the current status took effect.' })
  statusSince: string | null;

  @Column('smallint', { name: 'max_active_loans_per_member' })
  @Field(() => Int, { description: 'How many loans a member may have at once under the club’s rule (usually 1).' })
  maxActiveLoansPerMember: number;

  @Column('integer')
  @Field(() => Int, { description: 'Version for optimistic concurrency.' })
  version: number;
}
