import type { EntityManager } from 'typeorm';
import { dateOfCell, foldForMatching } from '../admin-units/admin-unit.csv.js';
import { todayInVietnam } from '../calendar.js';
import { openingSchedule, rateInThousandths, type OpeningProblem } from '../loans/loan-schedule.js';
import { findLoansByIds, openingStandingsOf, recordOpeningLoan, standingsOf, type OpeningLoanInput } from '../loans/loan.service.js';
import { LoanPurpose, LoanStatus, MAX_TERM_MONTHS, type Loan } from '../loans/loan.types.js';
import { vndOfText } from '../money/vnd-text.js';
import { IMPORT_COLUMNS } from './import-columns.js';
import type { FileRow } from './import-file.js';
import type { CheckedRow, ImportHandler } from './import-kind.js';

/** A loan row as checked: what the loan service takes to bring the loan in, amounts as exact text. */
export interface LoanFields {
  memberId: string;
  principal: string;
  outstanding: string;
  monthlyRate: string | null;
  flatFee: string | null;
  termMonths: number;
  purpose: LoanPurpose;
  disbursedOn: string;
  openingOn: string;
  daysPastDue: number;
  nextDueOn: string | null;
}

/** A column's template header by field, as problems name it. */
const HEADER: Record<string, string> = Object.fromEntries(IMPORT_COLUMNS.loans.map((column) => [column.key, column.header]));

const PURPOSE: Record<string, LoanPurpose> = {
  'chan nuoi': LoanPurpose.LIVESTOCK,
  'trong trot': LoanPurpose.CROPS,
  'nuoi trong thuy san': LoanPurpose.AQUACULTURE,
  'thuy san': LoanPurpose.AQUACULTURE,
  'buon ban nho': LoanPurpose.SMALL_TRADE,
  'buon ban': LoanPurpose.SMALL_TRADE,
  'thu cong': LoanPurpose.HANDICRAFT,
  'lam nghe thu cong': LoanPurpose.HANDICRAFT,
  'dich vu': LoanPurpose.SERVICES,
  khac: LoanPurpose.OTHER,
  'sinh ke khac': LoanPurpose.OTHER,
  '': LoanPurpose.OTHER,
  ...Object.fromEntries(Object.values(LoanPurpose).map((purpose) => [foldForMatching(purpose), purpose])),
};

const ACTIVE = new Set<string>([LoanStatus.REQUESTED, LoanStatus.APPROVED, LoanStatus.DISBURSED]);

interface Borrower {
  id: string;
  clubId: string;
  fullName: string;
  birthYear: number;
  citizenId: string | null;
  joinedOn: string;
}

interface ClubRecord {
  id: string;
  name: string;
  status: string;
  maxLoans: number;
}

/** A row read and its borrower found, before the club's loans are looked at. */
interface Draft {
  row: FileRow;
  club: ClubRecord | null;
  borrower: Borrower | null;
  label: string;
  fields: LoanFields | null;
  problems: CheckedRow['problems'];
  warnings: CheckedRow['warnings'];
}

function day(date: string): string {
  return date.split('-').reverse().join('/');
}

function money(amount: bigint): string {
  return `${amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

/** Why the file's figures make no schedule, in the words of the column at fault. */
function openingProblemText(problem: OpeningProblem): { column: string; message: string } {
  switch (problem.reason) {
    case 'NOT_AFTER_PAYOUT':
      return { column: HEADER.nextDueOn, message: 'phải sau ngày giải ngân' };
    case 'AFTER_TERM':
      return { column: HEADER.nextDueOn, message: `sau kỳ trả cuối cùng của thời hạn vay (${day(problem.lastDueOn)})` };
    case 'MISSING':
      return { column: HEADER.nextDueOn, message: `chưa ghi kỳ trả tiếp theo: khoản vay chưa hết hạn (kỳ cuối ${day(problem.lastDueOn)})` };
    case 'DISAGREES_WITH_NEXT_DUE':
      return {
        column: HEADER.daysPastDue,
        message: `kỳ trả tiếp theo đã đến hạn ${problem.expected} ngày trước ngày chốt số liệu mà chưa trả, nên số ngày quá hạn là ${problem.expected}; sửa một trong hai cột`,
      };
    case 'BEFORE_PAYOUT':
      return { column: HEADER.daysPastDue, message: `nhiều hơn số ngày từ ngày giải ngân đến ngày chốt số liệu (nhiều nhất ${problem.most})` };
    case 'TERM_OVER':
      return { column: HEADER.daysPastDue, message: `đã hết thời hạn vay (kỳ cuối ${day(problem.lastDueOn)}) mà còn dư nợ: ghi số ngày quá hạn` };
  }
}

/** Reads one row's cells: every problem of the row alone, and the fields when it has none. */
function readRow(row: FileRow, club: ClubRecord | null, borrower: Borrower | null, problems: CheckedRow['problems']): LoanFields | null {
  const value = (field: string) => row.values[field] ?? '';
  const amount = (field: string, what: string, required: boolean): bigint | null => {
    if (!value(field)) {
      if (required) problems.push({ column: HEADER[field], message: `chưa ghi ${what}` });
      return null;
    }
    const parsed = vndOfText(value(field));
    if ('problem' in parsed) {
      problems.push({ column: HEADER[field], message: parsed.problem });
      return null;
    }
    return parsed.amount;
  };
  const date = (field: string, what: string, required: boolean): string | null => {
    const parsed = dateOfCell(value(field));
    if (parsed === null && required) problems.push({ column: HEADER[field], message: `chưa ghi ${what}` });
    if (parsed === undefined) problems.push({ column: HEADER[field], message: `"${value(field)}" không phải ngày dạng dd/mm/yyyy` });
    return parsed ?? null;
  };

  const principal = amount('principal', 'số tiền vay', true);
  if (principal === 0n) problems.push({ column: HEADER.principal, message: 'phải lớn hơn 0' });
  const outstanding = amount('outstanding', 'dư nợ gốc còn lại', true);
  if (outstanding === 0n) problems.push({ column: HEADER.outstanding, message: 'phải lớn hơn 0: khoản vay đã trả hết thì không cần nhập' });
  else if (outstanding !== null && principal && outstanding > principal) {
    problems.push({ column: HEADER.outstanding, message: `lớn hơn số tiền vay (${money(principal)})` });
  }

  // A rate as people write it: "0,5", "0.5", "0,5%".
  const rateText = value('monthlyRate').replace(/\s*%$/, '').replace(',', '.');
  let monthlyRate: string | null = null;
  if (rateText) {
    if (!/^\d{1,2}(\.\d{1,3})?$/.test(rateText)) problems.push({ column: HEADER.monthlyRate, message: `"${value('monthlyRate')}" không phải lãi suất theo tháng, ví dụ 0,5` });
    else if (rateInThousandths(rateText) > 10_000n) problems.push({ column: HEADER.monthlyRate, message: 'không quá 10%/tháng' });
    else monthlyRate = rateText.includes('.') ? rateText.replace(/\.?0+$/, '') : rateText;
  }
  const flatFee = amount('flatFee', 'phí', false);
  if (rateText && value('flatFee')) problems.push({ column: HEADER.monthlyRate, message: `chỉ ghi lãi suất hoặc phí cố định, không ghi cả hai (cột "${HEADER.flatFee}")` });
  else if (!rateText && !value('flatFee')) problems.push({ column: HEADER.monthlyRate, message: `ghi lãi suất (0 nếu không lấy lãi) hoặc phí cố định (cột "${HEADER.flatFee}")` });

  const termText = value('termMonths');
  const termMonths = /^\d{1,3}$/.test(termText) ? Number(termText) : NaN;
  if (!termText) problems.push({ column: HEADER.termMonths, message: 'chưa ghi thời hạn vay' });
  else if (!(termMonths >= 1 && termMonths <= MAX_TERM_MONTHS)) problems.push({ column: HEADER.termMonths, message: `"${termText}" không phải số tháng từ 1 đến ${MAX_TERM_MONTHS}` });

  const openingOn = date('asOf', 'ngày chốt số liệu', true);
  if (openingOn && openingOn > todayInVietnam()) problems.push({ column: HEADER.asOf, message: 'là ngày trong tương lai' });
  const disbursedOn = date('disbursedOn', 'ngày giải ngân', true);
  if (disbursedOn && openingOn && disbursedOn > openingOn) problems.push({ column: HEADER.disbursedOn, message: `sau ngày chốt số liệu (${day(openingOn)})` });
  if (disbursedOn && borrower && disbursedOn < borrower.joinedOn) {
    problems.push({ column: HEADER.disbursedOn, message: `trước ngày thành viên vào câu lạc bộ (${day(borrower.joinedOn)})` });
  }
  const nextDueOn = date('nextDueOn', 'kỳ trả tiếp theo', false);
  const daysText = value('daysPastDue');
  const daysPastDue = daysText === '' ? 0 : /^\d{1,5}$/.test(daysText) ? Number(daysText) : NaN;
  if (Number.isNaN(daysPastDue)) problems.push({ column: HEADER.daysPastDue, message: `"${daysText}" không phải số ngày` });
  const purpose = PURPOSE[foldForMatching(value('purpose'))];
  if (!purpose) problems.push({ column: HEADER.purpose, message: `không có mục đích "${value('purpose')}"` });
  if (problems.length || !club || !borrower) return null;

  const fields: LoanFields = {
    memberId: borrower.id,
    principal: principal!.toString(),
    outstanding: outstanding!.toString(),
    monthlyRate,
    flatFee: monthlyRate === null ? flatFee!.toString() : null,
    termMonths,
    purpose,
    disbursedOn: disbursedOn!,
    openingOn: openingOn!,
    daysPastDue,
    nextDueOn,
  };
  const schedule = openingSchedule({ ...openingLoanOf(fields), charge: fields.flatFee !== null ? { flatFee: BigInt(fields.flatFee) } : { monthlyRate: fields.monthlyRate! } });
  if ('problems' in schedule) problems.push(...schedule.problems.map(openingProblemText));
  return problems.length ? null : fields;
}

function openingLoanOf(fields: LoanFields): OpeningLoanInput {
  return {
    ...fields,
    principal: BigInt(fields.principal),
    outstanding: BigInt(fields.outstanding),
    flatFee: fields.flatFee === null ? null : BigInt(fields.flatFee),
  };
}

/** The borrower a row names: by citizen ID, else by name and birth year, among the club's current members. */
function findBorrower(row: FileRow, club: ClubRecord | null, members: Borrower[], problems: CheckedRow['problems'], warnings: CheckedRow['warnings']): Borrower | null {
  const value = (field: string) => row.values[field] ?? '';
  const fullName = value('borrowerName').replace(/\s+/g, ' ');
  const citizenText = value('borrowerCitizenId');
  const citizenId = citizenText.replace(/[\s.]/g, '');
  const yearText = value('borrowerBirthYear');
  const birthYear = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (!fullName) problems.push({ column: HEADER.borrowerName, message: 'chưa ghi họ tên người vay' });
  if (yearText && !(birthYear >= 1900 && birthYear <= Number(todayInVietnam().slice(0, 4)))) {
    problems.push({ column: HEADER.borrowerBirthYear, message: `"${yearText}" không phải năm sinh hợp lệ` });
  }
  if (citizenId && !/^\d{12}$/.test(citizenId)) {
    problems.push({ column: HEADER.borrowerCitizenId, message: `số CCCD phải gồm đúng 12 chữ số ("${citizenText}" có ${citizenId.replace(/\D/g, '').length})` });
    return null;
  }
  if (!club) return null;
  const ofClub = members.filter((member) => member.clubId === club.id);
  if (citizenId) {
    const holder = ofClub.find((member) => member.citizenId === citizenId);
    if (!holder) {
      problems.push({ column: HEADER.borrowerCitizenId, message: `câu lạc bộ không có thành viên nào mang số CCCD ${citizenId}; hãy nhập danh sách thành viên trước` });
      return null;
    }
    if (fullName && foldForMatching(fullName) !== foldForMatching(holder.fullName)) {
      warnings.push({ message: `số CCCD ${citizenId} là của thành viên ${holder.fullName}, khác họ tên ghi trong tệp (${fullName})`, memberId: holder.id });
    }
    return holder;
  }
  if (!fullName) return null;
  if (!yearText) {
    problems.push({ column: HEADER.borrowerBirthYear, message: 'ghi năm sinh (hoặc số CCCD) để tìm đúng thành viên' });
    return null;
  }
  if (Number.isNaN(birthYear)) return null;
  const namesakes = ofClub.filter((member) => member.birthYear === birthYear && foldForMatching(member.fullName) === foldForMatching(fullName));
  if (namesakes.length === 1) return namesakes[0];
  problems.push(
    namesakes.length
      ? { column: HEADER.borrowerName, message: `câu lạc bộ có ${namesakes.length} thành viên ${fullName} sinh năm ${birthYear}; ghi số CCCD để biết là ai` }
      : { column: HEADER.borrowerName, message: `câu lạc bộ không có thành viên ${fullName} sinh năm ${birthYear}; hãy nhập danh sách thành viên trước` },
  );
  return null;
}

/** What a loan already here says differently from the row, by column; nothing when they agree. */
function differences(loan: Loan, fields: LoanFields, opening: { outstanding: bigint; daysPastDue: number; nextDueOn: string | null }): CheckedRow['problems'] {
  const already = `khoản vay này (${money(loan.principal)}, giải ngân ${day(fields.disbursedOn)}) đã có trong hệ thống`;
  const problems: CheckedRow['problems'] = [];
  if (opening.outstanding !== BigInt(fields.outstanding)) {
    problems.push({ column: HEADER.outstanding, message: `${already} với dư nợ gốc ${money(opening.outstanding)} tại ngày chốt số liệu` });
  }
  if (opening.daysPastDue !== fields.daysPastDue) {
    problems.push({ column: HEADER.daysPastDue, message: `${already}, quá hạn ${opening.daysPastDue} ngày tại ngày chốt số liệu` });
  }
  if (fields.nextDueOn && fields.nextDueOn > fields.openingOn && opening.nextDueOn !== fields.nextDueOn) {
    problems.push({ column: HEADER.nextDueOn, message: `${already} với kỳ trả tiếp theo ${opening.nextDueOn ? day(opening.nextDueOn) : 'không còn'}` });
  }
  if (loan.termMonths !== fields.termMonths) problems.push({ column: HEADER.termMonths, message: `${already} với thời hạn ${loan.termMonths} tháng` });
  const sameRate = loan.monthlyRate !== null && fields.monthlyRate !== null && rateInThousandths(loan.monthlyRate) === rateInThousandths(fields.monthlyRate);
  const sameFee = loan.flatFee !== null && fields.flatFee !== null && loan.flatFee === BigInt(fields.flatFee);
  if (!sameRate && !sameFee) {
    problems.push({
      column: fields.monthlyRate !== null ? HEADER.monthlyRate : HEADER.flatFee,
      message: `${already} với ${loan.monthlyRate !== null ? `lãi suất ${loan.monthlyRate.replace('.', ',')}%/tháng` : `phí cố định ${money(loan.flatFee!)}`}`,
    });
  }
  return problems;
}

/**
 * Checks the rows of an open-loans file against the province's records: each row's borrower among
 * its club's current members, its figures on the go-live day, the club's rule on loans a member may
 * have at once; a row whose loan is here already (same borrower, amount and payout day) changes
 * nothing, and is a problem when it says otherwise than what was brought in.
 */
export async function checkLoanRows(db: EntityManager, rows: FileRow[], fixedClubId: string | null): Promise<Array<CheckedRow<LoanFields>>> {
  const clubs: ClubRecord[] = (
    await db.query('select id, name, status, max_active_loans_per_member from club')
  ).map((row: Record<string, any>) => ({ id: row.id, name: row.name, status: row.status, maxLoans: row.max_active_loans_per_member }));
  const clubById = new Map(clubs.map((club) => [club.id, club]));
  const clubByName = new Map(clubs.map((club) => [foldForMatching(club.name), club]));
  const members: Borrower[] = (
    await db.query(
      `select id, club_id, full_name, birth_year, citizen_id, joined_on::text as joined_on from member
        where left_on is null ${fixedClubId ? 'and club_id = $1' : ''}`,
      fixedClubId ? [fixedClubId] : [],
    )
  ).map((row: Record<string, any>) => ({
    id: row.id, clubId: row.club_id, fullName: row.full_name, birthYear: Number(row.birth_year), citizenId: row.citizen_id, joinedOn: row.joined_on,
  }));

  const drafts: Draft[] = rows.map((row) => {
    const problems: CheckedRow['problems'] = [];
    const warnings: CheckedRow['warnings'] = [];
    let club = fixedClubId ? (clubById.get(fixedClubId) ?? null) : null;
    if (!fixedClubId) {
      const named = row.values.club ?? '';
      club = named ? (clubByName.get(foldForMatching(named)) ?? null) : null;
      if (!named) problems.push({ column: HEADER.club, message: 'chưa ghi câu lạc bộ' });
      else if (!club) problems.push({ column: HEADER.club, message: `không có câu lạc bộ "${named}" trong tỉnh` });
    }
    if (club?.status === 'DISSOLVED') problems.push({ column: HEADER.club, message: 'câu lạc bộ đã giải thể' });
    const borrower = findBorrower(row, club, members, problems, warnings);
    const fields = readRow(row, club, borrower, problems);
    const label = borrower?.fullName ?? (row.values.borrowerName ?? '').replace(/\s+/g, ' ');
    return { row, club, borrower, label, fields, problems, warnings };
  });

  // The borrowers' loans, to match a row to a loan already here and to keep the club's rule.
  const borrowerIds = [...new Set(drafts.flatMap((draft) => (draft.fields ? [draft.fields.memberId] : [])))];
  const loanIds: string[] = borrowerIds.length
    ? (await db.query(`select id from loan where member_id = any($1) and status <> 'REJECTED'`, [borrowerIds])).map((row: { id: string }) => row.id)
    : [];
  const loans = await findLoansByIds(db, loanIds);
  const loansOf = new Map<string, Loan[]>();
  for (const loan of loans) loansOf.set(loan.memberId, [...(loansOf.get(loan.memberId) ?? []), loan]);
  const opening = await openingStandingsOf(db, loans);
  // A loan made here, restated by the file: where it stood on the file's go-live day, by its records.
  const madeHere = new Map<string, Map<string, { outstanding: bigint; daysPastDue: number; nextDueOn: string | null }>>();
  for (const openingOn of new Set(drafts.flatMap((draft) => (draft.fields ? [draft.fields.openingOn] : [])))) {
    const standings = await standingsOf(db, loans.filter((loan) => loan.openingOn === null), openingOn);
    madeHere.set(openingOn, new Map([...standings].map(([id, standing]) => [id, { outstanding: standing.outstandingPrincipal, daysPastDue: standing.daysPastDue, nextDueOn: standing.nextDue?.dueOn ?? null }])));
  }

  // The go-live day of each club's fund balances: a loan brought in on another day is worth a look.
  const fundsOpenedOn = new Map<string, string>(
    (
      await db.query(
        `select club_id, min(entry_on)::text as opened_on from ledger_entry entry
          where kind = 'OPENING_BALANCE' and not exists (select 1 from ledger_entry reversal where reversal.reverses_id = entry.id)
          group by club_id`,
      )
    ).map((row: { club_id: string; opened_on: string }) => [row.club_id, row.opened_on]),
  );
  const seen = new Map<string, number>();
  const newLoans = new Map<string, number>();
  return drafts.map((draft): CheckedRow<LoanFields> => {
    const { row, club, fields, problems, warnings } = draft;
    const checked = { rowNumber: row.rowNumber, clubId: club?.id ?? null, label: draft.label, changes: [], warnings };
    const empty = fields ?? ({} as LoanFields);
    if (!fields || !club) return { ...checked, action: 'PROBLEM', targetId: null, fields: empty, problems };

    const key = `${fields.memberId}|${fields.principal}|${fields.disbursedOn}`;
    const earlier = seen.get(key);
    if (earlier) return { ...checked, action: 'PROBLEM', targetId: null, fields, problems: [{ column: HEADER.borrowerName, message: `trùng khoản vay ở dòng ${earlier} của tệp` }] };
    seen.set(key, row.rowNumber);

    const own = loansOf.get(fields.memberId) ?? [];
    const same = own.find((loan) => loan.principal === BigInt(fields.principal) && loan.disbursedOn === fields.disbursedOn);
    if (same) {
      const standing = same.openingOn !== null ? opening.get(same.id)! : madeHere.get(fields.openingOn)!.get(same.id)!;
      const differ = differences(same, fields, standing);
      // A loan made here keeps its own records; one brought in is as the file brought it.
      if (differ.length && same.openingOn !== null) return { ...checked, action: 'PROBLEM', targetId: same.id, fields, problems: differ };
      if (differ.length) warnings.push({ message: 'khoản vay này đã được ghi trong hệ thống từ khi giải ngân; số liệu của hệ thống được giữ, không theo tệp', memberId: fields.memberId });
      return { ...checked, action: 'UNCHANGED', targetId: same.id, fields, problems: [] };
    }
    const running = own.filter((loan) => ACTIVE.has(loan.status));
    const inFile = newLoans.get(fields.memberId) ?? 0;
    if (running.length + inFile >= club.maxLoans) {
      const what = running.length
        ? `thành viên đang có khoản vay chưa trả xong (${money(running[0].principal)}${running[0].disbursedOn ? `, giải ngân ${day(running[0].disbursedOn)}` : ''})`
        : 'thành viên đã có khoản vay ở dòng trước của tệp';
      const rule = club.maxLoans === 1 ? 'câu lạc bộ cho mỗi thành viên vay một khoản một lúc' : `câu lạc bộ cho mỗi thành viên vay nhiều nhất ${club.maxLoans} khoản một lúc`;
      return { ...checked, action: 'PROBLEM', targetId: null, fields, problems: [{ column: HEADER.borrowerName, message: `${what}; ${rule}` }] };
    }
    newLoans.set(fields.memberId, inFile + 1);
    const fundsDay = fundsOpenedOn.get(club.id);
    if (fundsDay && fundsDay !== fields.openingOn) {
      warnings.push({ message: `số dư quỹ đầu kỳ của câu lạc bộ được chốt ngày ${day(fundsDay)}, khác ngày chốt số liệu của khoản vay (${day(fields.openingOn)}); hai ngày nên là một`, memberId: null });
    }
    return { ...checked, action: 'NEW', targetId: null, fields, problems: [] };
  });
}

/**
 * Open loans at the go-live day: each new row is brought in through the loan service, so its rules
 * (the club's one-loan rule among them), the loan's positions, the live figures and the audit hold
 * as for a loan made here.
 */
export const loanImport: ImportHandler<LoanFields> = {
  kind: 'loans',
  check: (db, rows, target) => checkLoanRows(db, rows, target.clubId),
  async apply(db, requestId, rows) {
    for (const row of rows) await recordOpeningLoan(db, requestId, row.clubId!, openingLoanOf(row.fields));
  },
};
