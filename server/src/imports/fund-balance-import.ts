import type { EntityManager } from 'typeorm';
import { dateOfCell, foldForMatching } from '../admin-units/admin-unit.csv.js';
import { todayInVietnam } from '../calendar.js';
import { openingStandingsOf, recordOpeningBalance, type OpeningStanding } from '../funds/ledger.service.js';
import { Fund } from '../funds/ledger.types.js';
import { vndOfText, vndText } from '../money/vnd-text.js';
import type { FileRow } from './import-file.js';
import type { CheckedRow, ImportChange, ImportHandler } from './import-kind.js';

/** A club's opening balances as checked: the go-live day, both amounts, and the funds whose balance the row records. */
export interface FundBalanceFields {
  asOf: string;
  /** Whole đồng, as text: the fields are kept as JSON between preview and commit. */
  amounts: Record<Fund, string>;
  record: Fund[];
}

const FUNDS: Array<{ fund: Fund; field: string; column: string; name: string }> = [
  { fund: Fund.INCOME_GENERATION, field: 'incomeFund', column: 'Quỹ tăng thu nhập', name: 'quỹ tăng thu nhập' },
  { fund: Fund.ACTIVITY, field: 'activityFund', column: 'Quỹ hoạt động', name: 'quỹ hoạt động' },
];

const day = (value: string) => value.split('-').reverse().join('/');

/**
 * Checks the rows of a fund balances file: each club's two funds at its go-live day. A fund's
 * opening balance is recorded once, before any other movement; the same balance again is
 * unchanged, and a different one is a problem (an opening balance is corrected in the ledger, not
 * by a file). A fund that held nothing gets no entry.
 */
export async function checkFundBalanceRows(db: EntityManager, rows: FileRow[], fixedClubId: string | null): Promise<Array<CheckedRow<FundBalanceFields>>> {
  const clubs: Array<{ id: string; name: string; status: string; founded_on: string | null }> = await db.query(
    'select id, name, status, founded_on::text as founded_on from club',
  );
  const clubsByName = new Map<string, typeof clubs>();
  for (const club of clubs) clubsByName.set(foldForMatching(club.name), [...(clubsByName.get(foldForMatching(club.name)) ?? []), club]);
  const standings = await openingStandingsOf(db, fixedClubId ? [fixedClubId] : null);
  const nothingYet: OpeningStanding = { balances: new Map(), firstMovementOn: null };
  const rowOfClub = new Map<string, number>();
  const today = todayInVietnam();

  return rows.map((row): CheckedRow<FundBalanceFields> => {
    const problems: CheckedRow['problems'] = [];
    const value = (field: string) => row.values[field] ?? '';

    let club = fixedClubId ? clubs.find((candidate) => candidate.id === fixedClubId) : undefined;
    if (!fixedClubId) {
      const named = value('club') ? (clubsByName.get(foldForMatching(value('club'))) ?? []) : [];
      if (!value('club')) problems.push({ column: 'Câu lạc bộ', message: 'chưa ghi câu lạc bộ' });
      else if (!named.length) problems.push({ column: 'Câu lạc bộ', message: `không có câu lạc bộ "${value('club')}" trong tỉnh` });
      else if (named.length > 1) {
        problems.push({ column: 'Câu lạc bộ', message: `tỉnh có ${named.length} câu lạc bộ tên "${value('club')}"; nhập số dư của từng câu lạc bộ này từ trang của câu lạc bộ` });
      }
      club = named.length === 1 ? named[0] : undefined;
    }
    if (club?.status === 'DISSOLVED') problems.push({ column: 'Câu lạc bộ', message: 'câu lạc bộ đã giải thể, sổ quỹ đã đóng' });
    else if (club && !club.founded_on) problems.push({ column: 'Câu lạc bộ', message: 'câu lạc bộ chưa thành lập nên chưa có quỹ' });
    if (club) {
      const earlier = rowOfClub.get(club.id);
      if (earlier) problems.push({ column: 'Câu lạc bộ', message: `số dư của câu lạc bộ này đã có ở dòng ${earlier} của tệp` });
      else rowOfClub.set(club.id, row.rowNumber);
    }

    const asOf = dateOfCell(value('asOf'));
    if (!value('asOf')) problems.push({ column: 'Ngày chốt số dư', message: 'chưa ghi ngày chốt số dư' });
    else if (!asOf) problems.push({ column: 'Ngày chốt số dư', message: `"${value('asOf')}" không phải ngày dạng dd/mm/yyyy` });
    else if (asOf > today) problems.push({ column: 'Ngày chốt số dư', message: 'là ngày trong tương lai' });
    else if (club?.founded_on && asOf < club.founded_on) {
      problems.push({ column: 'Ngày chốt số dư', message: `là trước ngày thành lập câu lạc bộ (${day(club.founded_on)})` });
    }

    const amounts = {} as Record<Fund, bigint | null>;
    for (const { fund, field, column } of FUNDS) {
      amounts[fund] = null;
      if (!value(field)) {
        problems.push({ column, message: 'chưa ghi số dư (ghi 0 nếu quỹ không có tiền)' });
        continue;
      }
      const read = vndOfText(value(field));
      if ('problem' in read) problems.push({ column, message: read.problem });
      else amounts[fund] = read.amount;
    }

    // Against what the club's ledger holds: an opening balance on record, and any other movement.
    const record: Fund[] = [];
    const changes: ImportChange[] = [];
    const standing = (club && standings.get(club.id)) || nothingYet;
    if (club && asOf && !problems.length) {
      for (const { fund, field, column, name } of FUNDS) {
        const opening = standing.balances.get(fund);
        const amount = amounts[fund]!;
        if (opening && (opening.amount !== amount || opening.entryOn !== asOf)) {
          problems.push({
            column: opening.amount !== amount ? column : 'Ngày chốt số dư',
            message:
              `câu lạc bộ đã có số dư đầu kỳ ${name} ${vndText(opening.amount)} ngày ${day(opening.entryOn)}; số dư đầu kỳ không sửa bằng tệp nhập: ` +
              'hủy khoản đó trong sổ quỹ của câu lạc bộ (nút "Hủy" ở dòng Số dư đầu kỳ) rồi nhập lại',
          });
        } else if (!opening && amount > 0n) {
          record.push(fund);
          changes.push({ field, column, from: null, to: vndText(amount) });
        }
      }
      if (record.length && standing.firstMovementOn && standing.firstMovementOn <= asOf) {
        problems.push({
          column: 'Ngày chốt số dư',
          message: `sổ quỹ của câu lạc bộ đã có khoản thu, chi từ ngày ${day(standing.firstMovementOn)}; số dư đầu kỳ phải đứng trước mọi khoản khác: chọn ngày chốt trước ngày ${day(standing.firstMovementOn)}`,
        });
      }
    }

    const fields: FundBalanceFields = {
      asOf: asOf ?? '',
      amounts: { [Fund.INCOME_GENERATION]: String(amounts[Fund.INCOME_GENERATION] ?? ''), [Fund.ACTIVITY]: String(amounts[Fund.ACTIVITY] ?? '') },
      record,
    };
    const onRecord = [...standing.balances.values()][0]?.entryId ?? null;
    const checked = { rowNumber: row.rowNumber, clubId: club?.id ?? null, targetId: onRecord, label: club?.name ?? value('club'), fields, warnings: [] };
    if (problems.length) return { ...checked, action: 'PROBLEM', problems, changes: [] };
    if (!record.length) return { ...checked, action: 'UNCHANGED', problems, changes: [] };
    // A club with none of its opening balances yet gets them; one with the other fund's already adds this one.
    return onRecord ? { ...checked, action: 'UPDATE', problems, changes } : { ...checked, action: 'NEW', targetId: null, problems, changes: [] };
  });
}

/**
 * Opening balances: each fund a row records gets its one opening entry through the ledger service,
 * which holds the club's money lock, checks again that it comes before any other movement, and
 * writes the audit; the live figures count it from its day.
 */
export const fundBalanceImport: ImportHandler<FundBalanceFields> = {
  kind: 'fund-balances',
  check: (db, rows, target) => checkFundBalanceRows(db, rows, target.clubId),
  async apply(db, requestId, rows) {
    for (const row of rows) {
      for (const fund of row.fields.record) {
        await recordOpeningBalance(db, requestId, row.clubId!, { fund, entryOn: row.fields.asOf, amount: BigInt(row.fields.amounts[fund]) });
      }
    }
  },
};
