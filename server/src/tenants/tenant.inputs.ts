import { IsUUID, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new province workspace and its first administrator.' })
export class CreateTenantInput {
  @Field(() => String, { description: 'Two-digit GSO province code, e.g. "91".' })
  @MaxLength(2, { message: 'must be the two-digit GSO province code' })
  code: string;

  @Field(() => String, { description: 'Short name in lower case with hyphens, e.g. "kien-giang".' })
  @MaxLength(60, { message: 'must be at most 60 characters' })
  slug: string;

  @Field(() => String, { description: 'Name of the province, e.g. "Kiên Giang".' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name: string;

  @Field(() => String, { description: 'Sign-in name of the first province admin.' })
  @MaxLength(64, { message: 'must be at most 64 characters' })
  adminLogin: string;

  @Field(() => String, { description: 'Name of the first province admin.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  adminDisplayName: string;

  @Field(() => String, { description: 'First password of the first province admin, at least 8 characters.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  adminPassword: string;
}

@ArgsType()
export class TenantArgs {
  @Field(() => ID, { description: 'The province workspace.' })
  @IsUUID('all', { message: 'is not a province identifier' })
  id: string;
}
