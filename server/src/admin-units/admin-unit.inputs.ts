import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { PageArgs } from '../graphql/pagination.js';

@ArgsType()
export class AdminUnitsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only the direct children of this unit.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a unit identifier' })
  parentId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of a name, anywhere in the hierarchy; accents and case are ignored ("kien luong" finds "Kiên Lương").',
  })
  @IsOptional()
  @MaxLength(100, { message: 'must be at most 100 characters' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only units of this province (for national users).' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a province identifier' })
  tenantId?: string | null;
}
