import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'SEED_CAPITAL', 'CONTRIBUTION', 'LOAN_DISBURSED', 'PRINCIPAL_REPAID', 'INTEREST', 'EXPENSE', 'CORRECTION'`;

const RULES = `
          when 'SEED_CAPITAL' then amount > 0
          when 'CONTRIBUTION' then amount > 0
          when 'PRINCIPAL_REPAID' then amount > 0 and fund = 'INCOME_GENERATION' and loan_id is not null
          when 'INTEREST' then amount > 0 and fund = 'INCOME_GENERATION' and loan_id is not null
          when 'LOAN_DISBURSED' then amount < 0 and fund = 'INCOME_GENERATION' and loan_id is not null
          when 'EXPENSE' then amount < 0
          when 'CORRECTION' then reverses_id is not null`;

/**
 * Opening balances: what a club's two funds already held on the day it starts keeping them here
 * (its go-live day), one entry per fund, before any other movement. It is money already in the
 * fund, not a movement of the month: the live figures sum a fund's entries whatever their kind, so
 * it counts in the fund's balance from its day, and no flow (contributions, loans paid out, the
 * scheme's seed capital spent) counts it, as none of them reads an entry of this kind.
 */
export class OpeningBalances1764800000000 implements MigrationInterface {
  name = 'OpeningBalances1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      alter table ledger_entry drop constraint ledger_entry_kind_check;
      alter table ledger_entry add constraint ledger_entry_kind_check check (kind in (${KINDS}, 'OPENING_BALANCE'));
      -- Money the fund holds, of no member and no loan.
      alter table ledger_entry drop constraint ledger_entry_check;
      alter table ledger_entry add constraint ledger_entry_check check (case kind ${RULES}
          when 'OPENING_BALANCE' then amount > 0 and member_id is null and loan_id is null and reverses_id is null
        end);
      -- A club's opening balances are looked up before each one is written, and before a province's file is.
      create index ledger_entry_opening on ledger_entry (tenant_id, club_id, fund) where kind = 'OPENING_BALANCE';
    `);
  }

  // Refused while an opening balance is on record: the checks it restores do not allow one.
  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      drop index ledger_entry_opening;
      alter table ledger_entry drop constraint ledger_entry_check;
      alter table ledger_entry add constraint ledger_entry_check check (case kind ${RULES}
        end);
      alter table ledger_entry drop constraint ledger_entry_kind_check;
      alter table ledger_entry add constraint ledger_entry_kind_check check (kind in (${KINDS}));
    `);
  }
}
