import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service.js';
import { checkDay, todayInVietnam } from '../calendar.js';
import { requireClub } from '../clubs/club-scope.js';
import { badInput, notFound, type FieldProblem } from '../graphql/errors.js';
import { countOf, decodeCursor, pageOf, type Page } from '../graphql/pagination.js';
import { once } from '../idempotency/client-request.js';
import { formatVnd } from '../money/format-vnd.js';
import { VND_ENTRY_CEILING, VND_ENTRY_MESSAGE } from '../money/vnd-entry.js';
import { normalizeText, optionalText } from '../text.js';
import type { LedgerArgs, RecordFundEntryInput, ReverseLedgerEntryInput } from './ledger.inputs.js';
import { DIRECT_KINDS, Fund, FundBalances, LedgerEntry, LedgerKind } from './ledger.types.js';

const FUND_NAMES: Record<Fund, string> = {
  [Fund.INCOME_GENERATION]: 'the income-generation fund',
  [Fund.ACTIVITY]: 'the activity fund',
};

interface EntryRow {
  id: string;
  club_id: string;
  fund: string;
  kind: string;
  entry_on: string;
  amount: string;
  member_id: string | null;
  loan_id: string | null;
  description: string | null;
  reverses_id: string | null;
  reversed_by_id: string | null;
  running_balance: string | null;
  recorded_at: Date;
  display_name: string | null;
}

const ENTRY_SELECT = `
  select entry.id, entry.club_id, entry.fund, entry.kind, entry.entry_on::text as entry_on, entry.amount::text as amount,
         entry.member_id, entry.loan_id, entry.description, entry.reverses_id, reversal.id as reversed_by_id,
         null::text as running_balance, entry.recorded_at, account.display_name
    from ledger_entry entry
    left join ledger_entry reversal on reversal.reverses_id = entry.id
    left join app_user account on account.id = entry.recorded_by`;

function entryOf(row: EntryRow): LedgerEntry {
  return Object.assign(new LedgerEntry(), {
    id: row.id,
    clubId: row.club_id,
    fund: row.fund as Fund,
    kind: row.kind as LedgerKind,
    entryOn: row.entry_on,
    amount: BigInt(row.amount),
    memberId: row.member_id,
    loanId: row.loan_id,
    description: row.description,
    reversesId: row.reverses_id,
    reversedById: row.reversed_by_id,
    runningBalance: row.running_balance === null ? null : BigInt(row.running_balance),
    recordedAt: row.recorded_at,
    recordedByName: row.display_name,
  });
}

export async function findLedgerEntriesByIds(db: EntityManager, ids: readonly string[]): Promise<LedgerEntry[]> {
  const rows: EntryRow[] = await db.query(`${ENTRY_SELECT} where entry.id = any($1)`, [ids]);
  const byId = new Map(rows.map((row) => [row.id, entryOf(row)]));
  return ids.map((id) => byId.get(id)).filter((entry): entry is LedgerEntry => Boolean(entry));
}

/**
 * Every movement of a club's money waits for the one before it: a balance read here stays true
 * until the transaction ends, so two treasurers cannot both lend the fund's last đồng.
 */
export async function lockClubMoney(db: EntityManager, clubId: string): Promise<void> {
  await db.query(`select pg_advisory_xact_lock(hashtextextended('club-money:' || $1::text, 0))`, [clubId]);
}

/** Balances of the clubs' funds: the sum of their entries, up to a day if given. */
export async function fundBalancesOf(db: EntityManager, clubIds: readonly string[], asOf?: string): Promise<Map<string, FundBalances>> {
  const rows: Array<{ club_id: string; fund: string; balance: string }> = await db.query(
    `select club_id, fund, sum(amount)::text as balance from ledger_entry
      where club_id = any($1) and ($2::date is null or entry_on <= $2)
      group by club_id, fund`,
    [clubIds, asOf ?? null],
  );
  const balances = new Map<string, FundBalances>();
  for (const clubId of clubIds) balances.set(clubId, Object.assign(new FundBalances(), { incomeGeneration: 0n, activity: 0n }));
  for (const row of rows) {
    const balance = balances.get(row.club_id)!;
    if (row.fund === Fund.INCOME_GENERATION) balance.incomeGeneration = BigInt(row.balance);
    else balance.activity = BigInt(row.balance);
  }
  return balances;
}

export async function fundBalance(db: EntityManager, clubId: string, fund: Fund): Promise<bigint> {
  const balances = (await fundBalancesOf(db, [clubId])).get(clubId)!;
  return fund === Fund.INCOME_GENERATION ? balances.incomeGeneration : balances.activity;
}

export interface NewEntry {
  clubId: string;
  fund: Fund;
  kind: LedgerKind;
  entryOn: string;
  amount: bigint;
  memberId?: string | null;
  loanId?: string | null;
  repaymentId?: string | null;
  description?: string | null;
  reversesId?: string | null;
}

/** Appends one entry. Callers hold lockClubMoney and have checked the balance. */
export async function appendEntry(db: EntityManager, entry: NewEntry): Promise<string> {
  const [row]: Array<{ id: string }> = await db.query(
    `insert into ledger_entry (club_id, fund, kind, entry_on, amount, member_id, loan_id, repayment_id, description, reverses_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [
      entry.clubId, entry.fund, entry.kind, entry.entryOn, entry.amount.toString(), entry.memberId ?? null, entry.loanId ?? null,
      entry.repaymentId ?? null, entry.description ?? null, entry.reversesId ?? null,
    ],
  );
  return row.id;
}

/** A withdrawal the fund cannot cover is refused, saying what the fund holds. */
export function refuseOverdraw(field: string, fund: Fund, balance: bigint, amount: bigint): void {
  if (amount > balance) {
    throw badInput([{ field, message: `is more than ${FUND_NAMES[fund]} holds (${formatVnd(balance)}); asked ${formatVnd(amount)}` }]);
  }
}

/** Contributions, seed capital and expenses, with what a fund may receive and spend. */
export async function addFundEntry(
  db: EntityManager,
  requestId: string,
  clubId: string,
  input: Omit<RecordFundEntryInput, 'clubId' | 'idempotencyKey'>,
  fieldPrefix = '',
): Promise<string> {
  const problems: FieldProblem[] = [];
  if (!(DIRECT_KINDS as readonly LedgerKind[]).includes(input.kind)) {
    problems.push({ field: `${fieldPrefix}kind`, message: 'must be SEED_CAPITAL, CONTRIBUTION or EXPENSE; loan movements are recorded on the loan' });
  }
  if (input.kind === LedgerKind.SEED_CAPITAL && input.fund !== Fund.INCOME_GENERATION) {
    problems.push({ field: `${fieldPrefix}fund`, message: 'seed capital goes to the income-generation fund' });
  }
  if (input.amount <= 0n) problems.push({ field: `${fieldPrefix}amount`, message: 'must be more than 0' });
  checkDay(`${fieldPrefix}entryOn`, input.entryOn, problems);
  if (input.memberId) {
    const members: unknown[] = await db.query('select 1 from member where id = $1 and club_id = $2', [input.memberId, clubId]);
    if (!members.length) problems.push({ field: `${fieldPrefix}memberId`, message: 'is not a member of this club' });
  }
  if (input.kind === LedgerKind.CONTRIBUTION && !input.memberId && !optionalText(input.description)) {
    problems.push({ field: `${fieldPrefix}memberId`, message: 'say who contributed, or describe the contribution' });
  }
  if (input.kind === LedgerKind.EXPENSE && !optionalText(input.description)) {
    problems.push({ field: `${fieldPrefix}description`, message: 'say what the money was spent on' });
  }
  if (problems.length) throw badInput(problems);

  await lockClubMoney(db, clubId);
  const amount = input.kind === LedgerKind.EXPENSE ? -input.amount : input.amount;
  if (amount < 0n) refuseOverdraw(`${fieldPrefix}amount`, input.fund, await fundBalance(db, clubId, input.fund), input.amount);
  const id = await appendEntry(db, {
    clubId,
    fund: input.fund,
    kind: input.kind,
    entryOn: input.entryOn,
    amount,
    memberId: input.memberId ?? null,
    description: optionalText(input.description),
  });
  await recordAudit(db, requestId, {
    action: 'ledger.record',
    entityType: 'ledger_entry',
    entityId: id,
    after: { clubId, fund: input.fund, kind: input.kind, entryOn: input.entryOn, amount: amount.toString(), memberId: input.memberId ?? null },
  });
  return id;
}

/** A club's opening balances in force, by fund, and the first day of any other movement of its funds. */
export interface OpeningStanding {
  balances: Map<Fund, { entryId: string; entryOn: string; amount: bigint }>;
  firstMovementOn: string | null;
}

/**
 * Where the clubs stand for opening balances (every club of the scope when `clubIds` is null). A
 * reversed opening balance is none, and neither it nor its correction is another movement: a club
 * whose opening balance was wrong reverses it and records the right one.
 */
export async function openingStandingsOf(db: EntityManager, clubIds: readonly string[] | null): Promise<Map<string, OpeningStanding>> {
  const openings: Array<{ club_id: string; fund: Fund; id: string; entry_on: string; amount: string }> = await db.query(
    `select entry.club_id, entry.fund, entry.id, entry.entry_on::text as entry_on, entry.amount::text as amount
       from ledger_entry entry
      where entry.kind = 'OPENING_BALANCE' and ($1::uuid[] is null or entry.club_id = any($1))
        and not exists (select 1 from ledger_entry reversal where reversal.tenant_id = entry.tenant_id and reversal.reverses_id = entry.id)`,
    [clubIds],
  );
  const movements: Array<{ club_id: string; first_on: string }> = await db.query(
    `select entry.club_id, min(entry.entry_on)::text as first_on
       from ledger_entry entry
       left join ledger_entry reversed on reversed.tenant_id = entry.tenant_id and reversed.id = entry.reverses_id
      where entry.kind <> 'OPENING_BALANCE' and reversed.kind is distinct from 'OPENING_BALANCE'
        and ($1::uuid[] is null or entry.club_id = any($1))
      group by entry.club_id`,
    [clubIds],
  );
  const standings = new Map<string, OpeningStanding>();
  const standingOf = (clubId: string) => {
    if (!standings.has(clubId)) standings.set(clubId, { balances: new Map(), firstMovementOn: null });
    return standings.get(clubId)!;
  };
  for (const clubId of clubIds ?? []) standingOf(clubId);
  for (const row of openings) standingOf(row.club_id).balances.set(row.fund, { entryId: row.id, entryOn: row.entry_on, amount: BigInt(row.amount) });
  for (const row of movements) standingOf(row.club_id).firstMovementOn = row.first_on;
  return standings;
}

/**
 * Records what a fund held on the day the club starts keeping its ledger here: once per fund, on or
 * after the club's founding, before any other movement of its funds.
 */
export async function recordOpeningBalance(
  db: EntityManager,
  requestId: string,
  clubId: string,
  input: { fund: Fund; entryOn: string; amount: bigint },
): Promise<string> {
  const club = await requireClub(db, clubId);
  const problems: FieldProblem[] = [];
  if (input.amount <= 0n) problems.push({ field: 'amount', message: 'must be more than 0' });
  if (input.amount > VND_ENTRY_CEILING) problems.push({ field: 'amount', message: VND_ENTRY_MESSAGE });
  if (!club.foundedOn) problems.push({ field: 'clubId', message: 'the club is not founded yet' });
  checkDay('entryOn', input.entryOn, problems, club.foundedOn);
  if (problems.length) throw badInput(problems);

  await lockClubMoney(db, clubId);
  const standing = (await openingStandingsOf(db, [clubId])).get(clubId)!;
  const opening = standing.balances.get(input.fund);
  if (opening) throw badInput([{ field: 'fund', message: `already has its opening balance (${formatVnd(opening.amount)} on ${opening.entryOn}); reverse it to record another` }]);
  if (standing.firstMovementOn && standing.firstMovementOn <= input.entryOn) {
    throw badInput([{ field: 'entryOn', message: `must be before the club's first movement (${standing.firstMovementOn})` }]);
  }
  const id = await appendEntry(db, { clubId, fund: input.fund, kind: LedgerKind.OPENING_BALANCE, entryOn: input.entryOn, amount: input.amount });
  await recordAudit(db, requestId, {
    action: 'ledger.opening-balance',
    entityType: 'ledger_entry',
    entityId: id,
    after: { clubId, fund: input.fund, kind: LedgerKind.OPENING_BALANCE, entryOn: input.entryOn, amount: input.amount.toString() },
  });
  return id;
}

export async function recordFundEntry(db: EntityManager, requestId: string, clubId: string, input: RecordFundEntryInput): Promise<LedgerEntry> {
  await requireClub(db, clubId);
  const { idempotencyKey, ...entry } = input;
  const receipt = await once(db, { clubId, key: idempotencyKey, operation: 'ledger.record', input: { ...entry, clubId } }, async () => ({
    entryId: await addFundEntry(db, requestId, clubId, entry),
  }));
  const [saved] = await findLedgerEntriesByIds(db, [receipt.entryId as string]);
  return saved;
}

export async function reverseLedgerEntry(db: EntityManager, requestId: string, input: ReverseLedgerEntryInput): Promise<LedgerEntry> {
  const [original] = await findLedgerEntriesByIds(db, [input.id]);
  if (!original) throw notFound('Ledger entry');
  const clubId = original.clubId;
  await requireClub(db, clubId);
  const reason = normalizeText(input.reason);
  const receipt = await once(db, { clubId, key: input.idempotencyKey, operation: 'ledger.reverse', input: { id: input.id, reason } }, async () => {
    if (reason.length < 3) throw badInput([{ field: 'reason', message: 'give the reason for the correction' }]);
    if (original.loanId) {
      throw badInput([{ field: 'id', message: 'belongs to a loan; reverse the repayment or the loan instead' }]);
    }
    if (original.reversesId) throw badInput([{ field: 'id', message: 'is itself a correction' }]);
    await lockClubMoney(db, clubId);
    const reversed: unknown[] = await db.query('select 1 from ledger_entry where reverses_id = $1', [original.id]);
    if (reversed.length) throw badInput([{ field: 'id', message: 'was already reversed' }]);
    // Taking back money that came in must not leave the fund below zero.
    if (original.amount > 0n) refuseOverdraw('id', original.fund, await fundBalance(db, clubId, original.fund), original.amount);
    const id = await appendEntry(db, {
      clubId,
      fund: original.fund,
      kind: LedgerKind.CORRECTION,
      entryOn: todayInVietnam(),
      amount: -original.amount,
      memberId: original.memberId,
      description: reason,
      reversesId: original.id,
    });
    await recordAudit(db, requestId, {
      action: 'ledger.reverse',
      entityType: 'ledger_entry',
      entityId: id,
      before: { id: original.id, amount: original.amount.toString() },
      after: { reason },
    });
    return { entryId: id };
  });
  const [saved] = await findLedgerEntriesByIds(db, [receipt.entryId as string]);
  return saved;
}

/** A fund's entries, newest first, each with the balance after it in ledger order. */
export async function listLedger(db: EntityManager, clubId: string, args: LedgerArgs): Promise<Page<LedgerEntry>> {
  const parameters: unknown[] = [clubId, args.fund];
  let after = '';
  if (args.after) {
    const [entryOn, recordedAt, id] = decodeCursor(args.after, 3);
    after = `where (ordered.entry_on, ordered.recorded_at, ordered.id) < ($${parameters.push(String(entryOn))}::date, $${parameters.push(String(recordedAt))}::timestamptz, $${parameters.push(String(id))}::uuid)`;
  }
  const rows: Array<EntryRow & { recorded_at_text: string }> = await db.query(
    `with ordered as (
       select entry.id, entry.club_id, entry.fund, entry.kind, entry.entry_on, entry.amount, entry.member_id, entry.loan_id,
              entry.description, entry.reverses_id, entry.recorded_at, entry.recorded_by,
              sum(entry.amount) over (order by entry.entry_on, entry.recorded_at, entry.id) as running_balance
         from ledger_entry entry where entry.club_id = $1 and entry.fund = $2)
     select ordered.id, ordered.club_id, ordered.fund, ordered.kind, ordered.entry_on::text as entry_on, ordered.amount::text as amount,
            ordered.member_id, ordered.loan_id, ordered.description, ordered.reverses_id, reversal.id as reversed_by_id,
            ordered.running_balance::text as running_balance, ordered.recorded_at,
            to_char(ordered.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as recorded_at_text, account.display_name
       from ordered
       left join ledger_entry reversal on reversal.reverses_id = ordered.id
       left join app_user account on account.id = ordered.recorded_by
       ${after}
      order by ordered.entry_on desc, ordered.recorded_at desc, ordered.id desc
      limit ${args.first + 1}`,
    parameters,
  );
  const stamps = new Map(rows.map((row) => [row.id, row.recorded_at_text]));
  return pageOf(
    rows,
    args,
    entryOf,
    (entry) => [entry.entryOn, stamps.get(entry.id) ?? '', entry.id],
    countOf(db, 'select count(*)::int as count from ledger_entry where club_id = $1 and fund = $2', [clubId, args.fund]),
  );
}
