import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LocalDateScalar } from '../graphql/scalars.js';

export enum TenantStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  RETIRED = 'RETIRED',
}

registerEnumType(TenantStatus, {
  name: 'TenantStatus',
  description: 'Whether a province workspace is in use.',
  valuesConfig: {
    ACTIVE: { description: 'In use.' },
    SUSPENDED: { description: 'Closed for sign-in by the national office.' },
    RETIRED: { description: 'Merged into another province from a day (e.g. the reform of 1 July 2025); kept, read only, for its history.' },
  },
});

@Entity('tenant')
@ObjectType({ description: 'A province workspace: one province running the national program with its own targets, budgets and communes.' })
export class Tenant {
  @PrimaryColumn('uuid')
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  @Column('text')
  @Field(() => String, { description: 'Province code of the General Statistics Office, e.g. "91" for Kiên Giang.' })
  code: string;

  @Column('text')
  @Field(() => String, { description: 'Short name used in addresses, e.g. "kien-giang".' })
  slug: string;

  @Column('text')
  @Field(() => String, { description: 'Name of the province, e.g. "Kiên Giang".' })
  name: string;

  @Column('text')
  @Field(() => TenantStatus, { description: 'Whether the workspace is in use.' })
  status: TenantStatus;

  @Column('date', { name: 'valid_from', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'First day of the workspace, when it began with a merge; null for a province that existed before the platform.' })
  validFrom: string | null;

  @Column('date', { name: 'valid_to', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day of the workspace: set when it is retired into its successor.' })
  validTo: string | null;

  @Column('boolean')
  @Field(() => Boolean, { description: 'Whether the workspace holds sample data for demonstration, not a province\'s real records.' })
  sample: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('integer')
  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back with an update.' })
  version: number;
}
