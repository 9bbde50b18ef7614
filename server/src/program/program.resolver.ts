import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { listIndicators, listNationalPhases } from './program.service.js';
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

  @FieldResolver(() => Indicator, { nullable: true, description: 'The indicator measuring the target, if any.' })
  async indicator(@Root() target: NationalPhaseTarget, @Ctx() context: Context): Promise<Indicator | null> {
    return target.indicatorId ? context.loaders.indicatorById.load(target.indicatorId) : null;
  }
}
