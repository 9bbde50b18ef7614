import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../graphql/pagination.js';
import { Role } from './role.js';

@InputType({ description: 'A new account of the province.' })
export class CreateUserInput {
  @Field(() => String, { description: 'Sign-in name: 3 to 64 characters, letters a-z, digits, ".", "_" or "-".' })
  @MaxLength(64, { message: 'must be at most 64 characters' })
  login: string;

  @Field(() => String, { description: 'Name shown to others.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  displayName: string;

  @Field(() => String, { description: 'First password, at least 8 characters.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  password: string;

  @Field(() => Role, { description: 'PROVINCE_ADMIN or CLUB_STAFF.' })
  role: Role;

  @Field(() => ID, { nullable: true, description: 'The club of a CLUB_STAFF account.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a club identifier' })
  clubId?: string | null;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Part of a login or name; accents and case are ignored.' })
  @IsOptional()
  @MaxLength(100, { message: 'must be at most 100 characters' })
  search?: string | null;
}

@ArgsType()
export class SetUserDisabledArgs {
  @Field(() => ID, { description: 'The account.' })
  @IsUUID('all', { message: 'is not an account identifier' })
  id: string;

  @Field(() => Boolean, { description: 'true to disable, false to enable again.' })
  disabled: boolean;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field(() => String, { description: 'The password in use now.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  currentPassword: string;

  @Field(() => String, { description: 'The new password, at least 8 characters.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  newPassword: string;
}

@ArgsType()
export class SignInArgs {
  @Field(() => String, { description: 'Sign-in name.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  login: string;

  @Field(() => String, { description: 'Password.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  password: string;
}
