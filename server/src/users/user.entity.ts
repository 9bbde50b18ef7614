import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../graphql/scalars.js';
import { Role } from './role.js';

@Entity('app_user')
@ObjectType('User', { description: 'An account of a person who signs in.' })
export class User {
  @PrimaryColumn('uuid')
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  @Column('uuid', { name: 'tenant_id', nullable: true })
  tenantId: string | null;

  @Column('uuid', { name: 'club_id', nullable: true })
  clubId: string | null;

  @Column('text')
  @Field(() => String, { description: 'Sign-in name, lower case.' })
  login: string;

  @Column('text', { name: 'display_name' })
  @Field(() => String, { description: 'Name shown to others.' })
  displayName: string;

  @Column('text')
  @Field(() => Role, { description: 'What the account may do.' })
  role: Role;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  @Field(() => DateTimeScalar, { description: 'When the account was created.' })
  createdAt: Date;

  @Column('integer')
  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back with an update.' })
  version: number;

  @Field(() => Boolean, { description: 'A disabled account cannot sign in.' })
  disabled(): boolean {
    return this.disabledAt !== null;
  }
}
