import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { findLoansByIds, standingsOf } from './loan.service.js';
import type { Loan, LoanStanding } from './loan.types.js';

export function createLoanLoaders(db: () => Promise<EntityManager>) {
  return {
    loanById: new DataLoader<string, Loan | null>(async (ids) => {
      const byId = new Map((await findLoansByIds(await db(), ids)).map((loan) => [loan.id, loan]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Where each loan stands today; the loans of one page are computed together. */
    loanStandingToday: new DataLoader<Loan, LoanStanding, string>(
      async (loans) => {
        const standings = await standingsOf(await db(), loans);
        return loans.map((loan) => standings.get(loan.id)!);
      },
      { cacheKeyFn: (loan) => loan.id },
    ),
  };
}
