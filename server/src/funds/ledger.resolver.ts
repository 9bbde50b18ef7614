import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CLUB_ROLES, clubOf } from '../clubs/club-scope.js';
import type { Context } from '../graphql/context.js';
import { connectionComplexity, connectionOf } from '../graphql/pagination.js';
import { Member } from '../members/member.types.js';
import { LedgerArgs, RecordFundEntryInput, ReverseLedgerEntryInput } from './ledger.inputs.js';
import { listLedger, recordFundEntry, reverseLedgerEntry } from './ledger.service.js';
import { LedgerEntry } from './ledger.types.js';

export const LedgerEntryConnection = connectionOf(LedgerEntry, 'LedgerEntry', 'ledger entry');

@Resolver(() => LedgerEntry)
export class LedgerResolver {
  @Authorized(CLUB_ROLES)
  @Query(() => LedgerEntryConnection, { description: 'A fund’s ledger, newest first, with the balance after each entry.', complexity: connectionComplexity })
  async ledgerEntries(@Args(() => LedgerArgs) args: LedgerArgs, @Ctx() context: Context) {
    return LedgerEntryConnection.from(await listLedger(await context.db(), clubOf(context, args.clubId), args));
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => LedgerEntry, {
    description: 'Records seed capital, a contribution or an expense. An expense beyond what the fund holds is refused; a retry with the same key records nothing new.',
  })
  async recordFundEntry(@Arg('input', () => RecordFundEntryInput) input: RecordFundEntryInput, @Ctx() context: Context): Promise<LedgerEntry> {
    return recordFundEntry(await context.db(), context.requestId, clubOf(context, input.clubId), input);
  }

  @Authorized(CLUB_ROLES)
  @Mutation(() => LedgerEntry, { description: 'Corrects an entry made by mistake with a reversing entry; nothing is edited or deleted.' })
  async reverseLedgerEntry(@Arg('input', () => ReverseLedgerEntryInput) input: ReverseLedgerEntryInput, @Ctx() context: Context): Promise<LedgerEntry> {
    return reverseLedgerEntry(await context.db(), context.requestId, input);
  }

  @FieldResolver(() => Member, { nullable: true, description: 'The member concerned.' })
  async member(@Root() entry: LedgerEntry, @Ctx() context: Context): Promise<Member | null> {
    return entry.memberId ? context.loaders.memberById.load(entry.memberId) : null;
  }
}
