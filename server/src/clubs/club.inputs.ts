import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../graphql/pagination.js';

@ArgsType()
export class ClubsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Part of the club’s name; accents and case are ignored ("kien luong" finds "Kiên Lương").' })
  @IsOptional()
  @MaxLength(100, { message: 'must be at most 100 characters' })
  search?: string | null;
}
