import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LocalDateScalar } from '../graphql/scalars.js';
import { AdminUnitKind, fullNameOf } from './admin-unit-kind.js';

@Entity('admin_unit')
@ObjectType({ description: 'An administrative unit of a province: province, district, commune or hamlet.' })
export class AdminUnit {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn('uuid')
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Official code of the General Statistics Office; hamlets often have none.' })
  code: string | null;

  @Column('text')
  @Field(() => String, { description: 'Name without the kind, e.g. "Kiên Lương".' })
  name: string;

  @Column('text')
  @Field(() => AdminUnitKind, { description: 'Kind of unit: xã, phường, thị trấn, ấp…' })
  kind: AdminUnitKind;

  @Column({ type: 'smallint', insert: false, update: false })
  @Field(() => Int, { description: 'Level by kind: 1 province, 2 district, 3 commune, 4 hamlet.' })
  level: number;

  @Column({ type: 'text', name: 'sort_key', insert: false, update: false })
  sortKey: string;

  @Column({ type: 'text', insert: false, update: false })
  @Field(() => String, { description: 'Materialized path from the root unit to this one (ltree of identifiers).' })
  path: string;

  @Column('date', { name: 'valid_from', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'First day the unit existed in this form, when known.' })
  validFrom: string | null;

  @Column('date', { name: 'valid_to', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day of the unit, when it was retired (e.g. merged in 2025).' })
  validTo: string | null;

  @Column('integer')
  @Field(() => Int, { description: 'Version for optimistic concurrency.' })
  version: number;

  @Field(() => Boolean, {
    description: 'Whether the unit has been retired (giải thể, sáp nhập or chia tách). Retired units stay readable for their history.',
  })
  retired(): boolean {
    return this.validTo !== null;
  }

  @Field(() => String, { description: 'Name with its kind, as written in official documents: "Thị trấn Kiên Lương"; a name that begins with its kind ("Khu phố 1") as it is.' })
  fullName(): string {
    return fullNameOf(this.kind, this.name);
  }
}
