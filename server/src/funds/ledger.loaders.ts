import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { fundBalancesOf } from './ledger.service.js';
import type { FundBalances } from './ledger.types.js';

export function createLedgerLoaders(db: () => Promise<EntityManager>) {
  return {
    fundBalancesByClub: new DataLoader<string, FundBalances>(async (clubIds) => {
      const balances = await fundBalancesOf(await db(), clubIds);
      return clubIds.map((id) => balances.get(id)!);
    }),
  };
}
