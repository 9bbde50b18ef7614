import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum TenantStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  MERGED = 'MERGED',
}

registerEnumType(TenantStatus, {
  name: 'TenantStatus',
  description: 'Whether a province workspace is in use.',
  valuesConfig: {
    ACTIVE: { description: 'In use.' },
    SUSPENDED: { description: 'Closed for sign-in by the national office.' },
    MERGED: { description: 'Merged into another province (2025 reform); kept for its history.' },
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

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('integer')
  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back with an update.' })
  version: number;
}
