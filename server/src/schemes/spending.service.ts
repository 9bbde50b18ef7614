import type { EntityManager } from 'typeorm';
import { badInput, conflict, notFound, type FieldProblem } from '../graphql/errors.js';
import { todayInVietnam } from '../calendar.js';
import { normalizeText } from '../text.js';
import { formatVnd } from '../money/format-vnd.js';
import type { RecordDisbursementInput, ReverseDisbursementInput } from './scheme.inputs.js';
import { change, recordSchemeChange } from './scheme.service.js';
import { Disbursement } from './scheme.types.js';

interface DisbursementRow {
  id: string;
  budget_line_id: string;
  paid_on: string;
  amount: string;
  description: string;
  recipient_unit_id: string | null;
  recipient_club_id: string | null;
  reverses_id: string | null;
  reversed_by_id: string | null;
  recorded_at: Date;
  display_name: string | null;
  idempotency_key: string;
}

const DISBURSEMENT_SELECT = `
  select paid.id, paid.budget_line_id, paid.paid_on::text as paid_on, paid.amount::text as amount, paid.description,
         paid.recipient_unit_id, paid.recipient_club_id, paid.reverses_id, reversal.id as reversed_by_id,
         paid.recorded_at, account.display_name, paid.idempotency_key
    from disbursement paid
    left join disbursement reversal on reversal.reverses_id = paid.id
    left join app_user account on account.id = paid.recorded_by`;

function disbursementOf(row: DisbursementRow): Disbursement {
  return Object.assign(new Disbursement(), {
    id: row.id,
    budgetLineId: row.budget_line_id,
    paidOn: row.paid_on,
    amount: BigInt(row.amount),
    description: row.description,
    recipientUnitId: row.recipient_unit_id,
    recipientClubId: row.recipient_club_id,
    reversesId: row.reverses_id,
    reversedById: row.reversed_by_id,
    recordedAt: row.recorded_at,
    recordedByName: row.display_name,
  });
}

export async function listDisbursementsOfLines(db: EntityManager, lineIds: readonly string[]): Promise<Disbursement[]> {
  const rows: DisbursementRow[] = await db.query(
    `${DISBURSEMENT_SELECT} where paid.budget_line_id = any($1) order by paid.paid_on desc, paid.recorded_at desc`,
    [lineIds],
  );
  return rows.map(disbursementOf);
}

interface LockedLine {
  id: string;
  scheme_id: string;
  source: string;
  purpose: string;
  year: number | null;
  amount: string;
  status: string;
  spent: string;
}

/**
 * The budget line, locked: two payments from one line are recorded one after the other, so
 * neither can spend what the other just took.
 */
async function lockLine(db: EntityManager, lineId: string): Promise<LockedLine | undefined> {
  const locked: unknown[] = await db.query('select 1 from budget_line where id = $1 for update', [lineId]);
  if (!locked.length) return undefined;
  // Read after the lock is held, in a statement of its own: under READ COMMITTED a new statement
  // sees what a payment that held the lock before us committed; the locking statement would not.
  const rows: LockedLine[] = await db.query(
    `select line.id, line.scheme_id, line.source, line.purpose, line.year, line.amount::text as amount, scheme.status,
            coalesce((select sum(paid.amount) from disbursement paid where paid.budget_line_id = line.id), 0)::text as spent
       from budget_line line join scheme on scheme.id = line.scheme_id
      where line.id = $1`,
    [lineId],
  );
  return rows[0];
}

async function findByKey(db: EntityManager, key: string): Promise<DisbursementRow | undefined> {
  const rows: DisbursementRow[] = await db.query(`${DISBURSEMENT_SELECT} where paid.idempotency_key = $1`, [key]);
  return rows[0];
}

const KEY = /^[A-Za-z0-9._:-]{8,100}$/;

export async function recordDisbursement(db: EntityManager, requestId: string, input: RecordDisbursementInput): Promise<Disbursement> {
  const problems: FieldProblem[] = [];
  if (!KEY.test(input.idempotencyKey)) problems.push({ field: 'idempotencyKey', message: 'must be 8 to 100 letters, digits or . _ : -' });
  const description = normalizeText(input.description);
  if (!description) problems.push({ field: 'description', message: 'must not be empty' });
  if (input.amount <= 0n) problems.push({ field: 'amount', message: 'must be more than 0' });
  if (input.paidOn > todayInVietnam()) problems.push({ field: 'paidOn', message: 'must not be in the future' });
  if (problems.length) throw badInput(problems);

  const line = await lockLine(db, input.budgetLineId);
  if (!line) throw badInput([{ field: 'budgetLineId', message: 'is not a budget line of your province' }]);

  // A retried request finds what it recorded the first time and records nothing new.
  const earlier = await findByKey(db, input.idempotencyKey);
  if (earlier) {
    const same =
      earlier.budget_line_id === input.budgetLineId && BigInt(earlier.amount) === input.amount && earlier.paid_on === input.paidOn;
    if (!same) throw badInput([{ field: 'idempotencyKey', message: 'was already used for another payment' }]);
    return disbursementOf(earlier);
  }

  if (line.status !== 'APPROVED') {
    throw badInput([{ field: 'budgetLineId', message: 'payments are recorded only against an approved scheme' }]);
  }
  const remaining = BigInt(line.amount) - BigInt(line.spent);
  if (input.amount > remaining) {
    throw badInput([{ field: 'amount', message: `is more than what remains on this line (${formatVnd(remaining)})` }]);
  }
  const recipients: FieldProblem[] = [];
  if (input.recipientUnitId) {
    const rows: unknown[] = await db.query('select 1 from admin_unit where id = $1', [input.recipientUnitId]);
    if (!rows.length) recipients.push({ field: 'recipientUnitId', message: 'is not a unit of your province' });
  }
  if (input.recipientClubId) {
    const rows: unknown[] = await db.query('select 1 from club where id = $1', [input.recipientClubId]);
    if (!rows.length) recipients.push({ field: 'recipientClubId', message: 'is not a club of your province' });
  }
  if (recipients.length) throw badInput(recipients);

  await db.query(
    `insert into disbursement (budget_line_id, paid_on, amount, description, recipient_unit_id, recipient_club_id, idempotency_key)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [line.id, input.paidOn, input.amount.toString(), description, input.recipientUnitId ?? null, input.recipientClubId ?? null, input.idempotencyKey],
  );
  await recordSchemeChange(db, requestId, line.scheme_id, 'scheme.disbursement.record', {
    changes: [change('disbursement', `${line.source}·${line.purpose}·${line.year ?? ''}`, 'amount', null, input.amount)],
  });
  return disbursementOf((await findByKey(db, input.idempotencyKey))!);
}

export async function reverseDisbursement(db: EntityManager, requestId: string, input: ReverseDisbursementInput): Promise<Disbursement> {
  const problems: FieldProblem[] = [];
  if (!KEY.test(input.idempotencyKey)) problems.push({ field: 'idempotencyKey', message: 'must be 8 to 100 letters, digits or . _ : -' });
  const reason = normalizeText(input.reason);
  if (reason.length < 3) problems.push({ field: 'reason', message: 'give the reason for the reversal' });
  if (problems.length) throw badInput(problems);

  const originals: DisbursementRow[] = await db.query(`${DISBURSEMENT_SELECT} where paid.id = $1`, [input.id]);
  const original = originals[0];
  if (!original) throw notFound('Payment');
  const line = await lockLine(db, original.budget_line_id);
  if (!line) throw notFound('Budget line');

  const earlier = await findByKey(db, input.idempotencyKey);
  if (earlier) {
    if (earlier.reverses_id !== input.id) throw badInput([{ field: 'idempotencyKey', message: 'was already used for another payment' }]);
    return disbursementOf(earlier);
  }
  if (original.reverses_id) throw badInput([{ field: 'id', message: 'is itself a reversal' }]);
  const reversed: unknown[] = await db.query('select 1 from disbursement where reverses_id = $1', [input.id]);
  if (reversed.length) throw conflict('This payment was already reversed; it');

  await db.query(
    `insert into disbursement (budget_line_id, paid_on, amount, description, reverses_id, idempotency_key)
     values ($1, current_date, $2, $3, $4, $5)`,
    [line.id, (-BigInt(original.amount)).toString(), reason, input.id, input.idempotencyKey],
  );
  await recordSchemeChange(db, requestId, line.scheme_id, 'scheme.disbursement.reverse', {
    reason,
    changes: [change('disbursement', `${line.source}·${line.purpose}·${line.year ?? ''}`, 'amount', original.amount, null)],
  });
  return disbursementOf((await findByKey(db, input.idempotencyKey))!);
}
