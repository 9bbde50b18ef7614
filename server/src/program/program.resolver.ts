import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { Role } from '../users/role.js';
import { IndicatorInput, NationalPhaseInput, UpdateIndicatorInput, UpdateNationalPhaseInput } from './program.inputs.js';
import {
  createIndicator,
  createNationalPhase,
  listIndicators,
  listNationalPhases,
  updateIndicator,
  updateNationalPhase,
} from './program.service.js';
import { Indicator, NationalPhase, NationalPhaseTarget } from './program.types.js';

@Resolver(() => NationalPhaseTarget)
export class ProgramResolver {
  @Authorized()
  @Query(() => [NationalPhase], { description: 'The phases of the national program, oldest first, with their targets.' })
  async nationalPhases(@Ctx() context: Context): Promise<NationalPhase[]> {
    return listNationalPhases(await context.db());
  }

  @Authorized()
  @Query(() => [Indicator], { description: 'The indicator catalogue shared by all provinces.' })
  async indicators(@Ctx() context: Context): Promise<Indicator[]> {
    return listIndicators(await context.db());
  }

  @Authorized([Role.NATIONAL_ADMIN])
  @Mutation(() => NationalPhase, { description: 'Adds a phase of the national program with its targets (national administration).' })
  async createNationalPhase(@Arg('input', () => NationalPhaseInput) input: NationalPhaseInput, @Ctx() context: Context): Promise<NationalPhase> {
    return createNationalPhase(await context.db(), context.requestId, input);
  }

  @Authorized([Role.NATIONAL_ADMIN])
  @Mutation(() => NationalPhase, { description: 'Changes a national phase and replaces its targets (national administration).' })
  async updateNationalPhase(
    @Arg('input', () => UpdateNationalPhaseInput) input: UpdateNationalPhaseInput,
    @Ctx() context: Context,
  ): Promise<NationalPhase> {
    return updateNationalPhase(await context.db(), context.requestId, input);
  }

  @Authorized([Role.NATIONAL_ADMIN])
  @Mutation(() => Indicator, { description: 'Adds an indicator to the shared catalogue (national administration).' })
  async createIndicator(@Arg('input', () => IndicatorInput) input: IndicatorInput, @Ctx() context: Context): Promise<Indicator> {
    return createIndicator(await context.db(), context.requestId, input);
  }

  @Authorized([Role.NATIONAL_ADMIN])
  @Mutation(() => Indicator, {
    description: 'Changes an indicator of the catalogue. Its code, unit and additivity stay while any target uses it (national administration).',
  })
  async updateIndicator(@Arg('input', () => UpdateIndicatorInput) input: UpdateIndicatorInput, @Ctx() context: Context): Promise<Indicator> {
    return updateIndicator(await context.db(), context.requestId, input);
  }

  @FieldResolver(() => Indicator, { nullable: true, description: 'The indicator measuring the target, if any.' })
  async indicator(@Root() target: NationalPhaseTarget, @Ctx() context: Context): Promise<Indicator | null> {
    return target.indicatorId ? context.loaders.indicatorById.load(target.indicatorId) : null;
  }
}
