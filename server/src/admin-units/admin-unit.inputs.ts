import { IsOptional, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../graphql/pagination.js';
import { LocalDateScalar } from '../graphql/scalars.js';
import { AdminUnitKind } from './admin-unit-kind.js';

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

@InputType({ description: 'A new administrative unit.' })
export class NewAdminUnitInput {
  @Field(() => String, { nullable: true, description: 'GSO code, 2 to 8 digits; hamlets often have none.' })
  @IsOptional()
  @MaxLength(20, { message: 'must be at most 8 digits' })
  code?: string | null;

  @Field(() => String, { description: 'Name without the kind, e.g. "Kiên Lương".' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name: string;

  @Field(() => AdminUnitKind, { description: 'Kind of unit.' })
  kind: AdminUnitKind;

  @Field(() => ID, { nullable: true, description: 'The unit it belongs to. Required, except for a successor, which defaults to the parent of the (first) unit it replaces.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a unit identifier' })
  parentId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day the unit exists in this form, when known.' })
  @IsOptional()
  validFrom?: string | null;
}

@InputType({ description: 'Changes to a unit: rename, recode, change its kind or move it under another parent.' })
export class UpdateAdminUnitInput {
  @Field(() => ID, { description: 'The unit.' })
  @IsUUID('all', { message: 'is not a unit identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;

  @Field(() => String, { nullable: true, description: 'New GSO code; null removes it; omit to keep it.' })
  @IsOptional()
  @MaxLength(20, { message: 'must be at most 8 digits' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'New name; omit to keep it.' })
  @IsOptional()
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name?: string | null;

  @Field(() => AdminUnitKind, { nullable: true, description: 'New kind; omit to keep it.' })
  @IsOptional()
  kind?: AdminUnitKind | null;

  @Field(() => ID, { nullable: true, description: 'New parent (moves the unit with everything under it); omit to keep it.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a unit identifier' })
  parentId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day the unit exists in this form; null clears it; omit to keep it.' })
  @IsOptional()
  validFrom?: string | null;
}

@InputType({ description: 'A unit as read, with the version that was read.' })
export class VersionedUnitInput {
  @Field(() => ID, { description: 'The unit.' })
  @IsUUID('all', { message: 'is not a unit identifier' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT.' })
  version: number;
}

@InputType({ description: 'Retires a unit (giải thể / ngừng hiệu lực), optionally naming existing units that replace it.' })
export class RetireAdminUnitInput extends VersionedUnitInput {
  @Field(() => LocalDateScalar, { description: 'First day the unit no longer exists; its last day (validTo) is the day before.' })
  effectiveOn: string;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Existing units that take its place: one means it is merged into that unit (its active units move there); several mean it is split (it must have no active units left under it). A unit with clubs needs at least one.',
  })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'is not a unit identifier' })
  successorIds?: string[] | null;
}

@InputType({ description: 'Merges units (sáp nhập) into one successor, existing or new.' })
export class MergeAdminUnitsInput {
  @Field(() => [VersionedUnitInput], { description: 'The units that are merged and retired.' })
  @ValidateNested({ each: true })
  predecessors: VersionedUnitInput[];

  @Field(() => ID, { nullable: true, description: 'An existing unit they are merged into (it stays in force).' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a unit identifier' })
  successorId?: string | null;

  @Field(() => NewAdminUnitInput, { nullable: true, description: 'Or a new unit they form; give exactly one of successorId and successor.' })
  @IsOptional()
  @ValidateNested()
  successor?: NewAdminUnitInput | null;

  @Field(() => LocalDateScalar, { description: 'First day of the merged unit; the predecessors\' last day is the day before.' })
  effectiveOn: string;
}

@InputType({ description: 'One unit that takes part of a split unit\'s place.' })
export class SplitSuccessorInput {
  @Field(() => ID, { nullable: true, description: 'An existing unit.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a unit identifier' })
  existingId?: string | null;

  @Field(() => NewAdminUnitInput, { nullable: true, description: 'Or a new unit; give exactly one of existingId and unit.' })
  @IsOptional()
  @ValidateNested()
  unit?: NewAdminUnitInput | null;

  @Field(() => [ID], { nullable: true, description: 'Active units under the split unit that move under this successor.' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'is not a unit identifier' })
  childIds?: string[] | null;
}

@InputType({ description: 'Splits a unit (chia tách) among several successors.' })
export class SplitAdminUnitInput extends VersionedUnitInput {
  @Field(() => [SplitSuccessorInput], { description: 'At least two successors; every active unit under the split unit must go to one of them.' })
  @ValidateNested({ each: true })
  successors: SplitSuccessorInput[];

  @Field(() => LocalDateScalar, { description: 'First day of the successors; the split unit\'s last day is the day before.' })
  effectiveOn: string;
}

@ArgsType()
export class AdminUnitsCsvArgs {
  @Field(() => ID, { nullable: true, description: 'Only this unit and everything under it; else the whole province.' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a unit identifier' })
  rootId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The province, for national users (a province admin always gets its own).' })
  @IsOptional()
  @IsUUID('all', { message: 'is not a province identifier' })
  tenantId?: string | null;

  @Field(() => Boolean, { defaultValue: true, description: 'Whether retired units are included (with their validTo).' })
  includeRetired: boolean = true;
}
