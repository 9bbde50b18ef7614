import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, todayInVietnam } from '../../server/src/calendar.js';
import { codesOf, startTestServer, type TestServer } from '../support/api.js';
import { demoIds, openTestDatabase, type DemoIds, type TestDatabase } from '../support/database.js';
import { commitImport, uploadImport } from '../support/imports.js';

/*
 * Bringing a club's open loans in through HTTP, as a province admin on the club's go-live day: the
 * loans stand on that day as the file says (owed, days past due, next instalment), count in the
 * club's portfolio, the month's figures and the province's PAR30 from that day and not before,
 * move no fund, and the same file again changes nothing.
 */

let database: TestDatabase;
let server: TestServer;
let ids: DemoIds;
let province: string;

const today = todayInVietnam();
// The go-live day a few days back, so the month's figures are taken on or after it.
const goLive = addDays(today, -3);
const month = goLive.slice(0, 7);
const dayBefore = addDays(goLive, -1);
const monthBefore = addMonths(`${month}-01`, -1).slice(0, 7);
const ddmmyyyy = (day: string) => day.split('-').reverse().join('/');

// Up to date: 6.000.000 ₫ over 6 months at 0,5%, the 3rd instalment next, 4.000.000 ₫ owed.
const currentNext = addDays(goLive, 20);
const currentPaidOut = addMonths(currentNext, -3);
// 45 days late: 5.000.000 ₫ over 10 months with a 500.000 ₫ fee, 3.500.000 ₫ owed.
const lateNext = addDays(goLive, 10);
const latePaidOut = addMonths(lateNext, -4);

interface Borrower {
  id: string;
  full_name: string;
  birth_year: number;
  citizen_id: string | null;
}

let byCitizenId: Borrower;
let byName: Borrower;

beforeAll(async () => {
  database = await openTestDatabase();
  ids = await demoIds(database);
  server = await startTestServer(database);
  province = await server.signIn('angiang');
  // Two current members of the club who joined well before the loans and never borrowed: one with
  // a citizen ID, one known only by a name and birth year no other member of the club shares.
  const candidates: Array<Borrower & { namesakes: number }> = await database.owner.query(
    `select member.id, member.full_name, member.birth_year, member.citizen_id,
            (select count(*)::int from member other where other.club_id = member.club_id and other.left_on is null
                and other.full_name = member.full_name and other.birth_year = member.birth_year) as namesakes
       from member
      where member.club_id = $1 and member.left_on is null and member.joined_on <= $2
        and not exists (select 1 from loan where loan.member_id = member.id)
      order by member.full_name, member.id`,
    [ids.kienLuongClub, addMonths(goLive, -6)],
  );
  byCitizenId = candidates.find((member) => member.citizen_id)!;
  byName = candidates.find((member) => member !== byCitizenId && member.namesakes === 1)!;
  expect(byCitizenId).toBeDefined();
  expect(byName).toBeDefined();
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

function upload(body: string, query = `?clubId=${ids.kienLuongClub}&fileName=khoan-vay.csv`) {
  return uploadImport(server, 'loans', body, { query, token: province });
}

async function preview(importId: string) {
  const response = await server.gql<{ dataImport: any }>(
    `query Preview($id: ID!) {
       dataImport(id: $id) { status counts { new changed unchanged problems warnings }
         rows(first: 100) { rowNumber action name problems { column message } warnings { message } } }
     }`,
    { id: importId },
    province,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.dataImport;
}

function commit(importId: string) {
  return commitImport(server, importId, province);
}

const PORTFOLIO = 'activeLoans outstandingPrincipal loansAtRisk principalAtRisk par30';
const FIGURES = 'loansDisbursed amountDisbursed principalRepaid interestReceived loansOutstanding outstandingPrincipal loansOverdue principalOverdue par30 incomeGenerationFund';

/** Everything the go-live month and the one before show of the club's and the province's loans. */
async function loanFigures() {
  const response = await server.gql<Record<string, any>>(
    `query Figures($clubId: ID!, $goLive: LocalDate!, $dayBefore: LocalDate!, $month: Month!, $monthBefore: Month!) {
       onGoLive: loanPortfolio(clubId: $clubId, asOf: $goLive) { ${PORTFOLIO} }
       dayBefore: loanPortfolio(clubId: $clubId, asOf: $dayBefore) { ${PORTFOLIO} }
       month: monthFigures(clubId: $clubId, month: $month) { ${FIGURES} }
       monthBefore: monthFigures(clubId: $clubId, month: $monthBefore) { ${FIGURES} }
       dashboard: provinceDashboard(month: $month) { loans { ${PORTFOLIO} } }
       dashboardBefore: provinceDashboard(month: $monthBefore) { loans { ${PORTFOLIO} } }
     }`,
    { clubId: ids.kienLuongClub, goLive, dayBefore, month, monthBefore },
    province,
  );
  expect(response.errors).toBeUndefined();
  return response.data!;
}

async function loanCount(): Promise<number> {
  const [row] = await database.owner.query('select count(*)::int as count from loan where club_id = $1', [ids.kienLuongClub]);
  return row.count;
}

// Written with the template's Vietnamese headers; the go-live day named on every row.
const HEADER = 'Ngày chốt số liệu;Số CCCD người vay;Họ và tên người vay;Năm sinh người vay;Số tiền vay;Dư nợ gốc còn lại;Lãi suất (%/tháng);Phí cố định cả khoản vay;Thời hạn (tháng);Ngày giải ngân;Kỳ trả tiếp theo;Số ngày quá hạn;Mục đích vay';
const goodRows = () => [
  [ddmmyyyy(goLive), byCitizenId.citizen_id, byCitizenId.full_name, '', '6000000', '4.000.000', '0,5', '', '6', ddmmyyyy(currentPaidOut), ddmmyyyy(currentNext), '0', 'Chăn nuôi'],
  [ddmmyyyy(goLive), '', byName.full_name, String(byName.birth_year), '5.000.000', '3.500.000', '', '500000', '10', ddmmyyyy(latePaidOut), ddmmyyyy(lateNext), '45', 'Buôn bán nhỏ'],
];
const csvOf = (rows: Array<Array<string | null>>) => `\uFEFF${HEADER.split(';').join(',')}\r\n${rows.map((row) => row.map((cell) => `"${cell ?? ''}"`).join(',')).join('\r\n')}\r\n`;

describe('importing open loans', () => {
  it('previews an unknown borrower, more owed than lent, and both a rate and a fee as exactly those problems, and commits nothing', async () => {
    const before = await loanCount();
    // Written with the API's field names, in an order of the file's own.
    const csv = [
      'borrowerName,borrowerBirthYear,borrowerCitizenId,principal,outstanding,monthlyRate,flatFee,termMonths,disbursedOn,nextDueOn,daysPastDue,asOf',
      `Không Có Ai,1950,,6000000,4000000,"0,5",,6,${ddmmyyyy(currentPaidOut)},${ddmmyyyy(currentNext)},0,${ddmmyyyy(goLive)}`,
      `${byCitizenId.full_name},,${byCitizenId.citizen_id},6000000,7000000,"0,5",,6,${ddmmyyyy(currentPaidOut)},${ddmmyyyy(currentNext)},0,${ddmmyyyy(goLive)}`,
      `${byName.full_name},${byName.birth_year},,5000000,3500000,"0,5",500000,10,${ddmmyyyy(latePaidOut)},${ddmmyyyy(lateNext)},45,${ddmmyyyy(goLive)}`,
    ].join('\n');
    const uploaded = await upload(csv);
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
    expect(uploaded.json).toMatchObject({ rows: 3, unknownColumns: [] });
    const checked = await preview(uploaded.json.importId);
    expect(checked.counts).toEqual({ new: 0, changed: 0, unchanged: 0, problems: 3, warnings: 0 });
    expect(checked.rows.map((row: any) => [row.rowNumber, row.problems])).toEqual([
      [2, [{ column: 'Họ và tên người vay', message: 'câu lạc bộ không có thành viên Không Có Ai sinh năm 1950; hãy nhập danh sách thành viên trước' }]],
      [3, [{ column: 'Dư nợ gốc còn lại', message: 'lớn hơn số tiền vay (6.000.000 ₫)' }]],
      [4, [{ column: 'Lãi suất (%/tháng)', message: 'chỉ ghi lãi suất hoặc phí cố định, không ghi cả hai (cột "Phí cố định cả khoản vay")' }]],
    ]);
    expect(codesOf(await commit(uploaded.json.importId))).toEqual(['BAD_USER_INPUT']);
    expect(await loanCount()).toBe(before);
  });

  it('says when the days past due disagree with a next instalment already past, and when a borrower has a loan running', async () => {
    const [running] = await database.owner.query(
      `select member.full_name, member.birth_year, member.citizen_id, loan.principal::text as principal, loan.disbursed_on::text as disbursed_on
         from loan join member on member.id = loan.member_id
        where loan.club_id = $1 and loan.status = 'DISBURSED' and member.citizen_id is not null and member.left_on is null
        order by loan.disbursed_on limit 1`,
      [ids.kienLuongClub],
    );
    const late = goodRows()[1];
    const csv = csvOf([
      // The oldest unpaid instalment named as the next one: 45 days before the go-live day, not 30.
      [...late.slice(0, 10), ddmmyyyy(addDays(goLive, -45)), '30', late[12]],
      [ddmmyyyy(goLive), running.citizen_id, running.full_name, '', '2000000', '1000000', '0', '', '6', ddmmyyyy(addDays(goLive, -40)), ddmmyyyy(addDays(goLive, 20)), '0', ''],
    ]);
    const checked = await preview((await upload(csv)).json.importId);
    expect(checked.rows.map((row: any) => row.problems)).toEqual([
      [{ column: 'Số ngày quá hạn', message: 'kỳ trả tiếp theo đã đến hạn 45 ngày trước ngày chốt số liệu mà chưa trả, nên số ngày quá hạn là 45; sửa một trong hai cột' }],
      [{
        column: 'Họ và tên người vay',
        message: `thành viên đang có khoản vay chưa trả xong (${running.principal.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫, giải ngân ${ddmmyyyy(running.disbursed_on)}); câu lạc bộ cho mỗi thành viên vay một khoản một lúc`,
      }],
    ]);
  });

  it('asks for the citizen ID when two members of the club share the name and birth year', async () => {
    const [member] = await database.owner.query(
      `select full_name, birth_year, sex from member
        where club_id = $1 and left_on is null and id <> all($2)
          and not exists (select 1 from member other where other.club_id = member.club_id and other.id <> member.id
                             and other.full_name = member.full_name and other.birth_year = member.birth_year)
        order by full_name limit 1`,
      [ids.kienLuongClub, [byCitizenId.id, byName.id]],
    );
    const created = await server.gql(
      'mutation Namesake($input: CreateMemberInput!) { createMember(input: $input) { id } }',
      { input: { clubId: ids.kienLuongClub, fullName: member.full_name, birthYear: member.birth_year, sex: member.sex, joinedOn: addMonths(goLive, -12) } },
      province,
    );
    expect(created.errors).toBeUndefined();
    const row = [ddmmyyyy(goLive), '', member.full_name, String(member.birth_year), ...goodRows()[0].slice(4)];
    const checked = await preview((await upload(csvOf([row]))).json.importId);
    expect(checked.rows[0].problems).toEqual([
      { column: 'Họ và tên người vay', message: `câu lạc bộ có 2 thành viên ${member.full_name} sinh năm ${member.birth_year}; ghi số CCCD để biết là ai` },
    ]);
  });

  it('commits loans that stand on the go-live day as the file says, in the portfolio, the month and PAR30 from that day on, and the same file again changes nothing', async () => {
    const before = await loanFigures();
    const count = await loanCount();
    const csv = csvOf(goodRows());
    const first = await upload(csv);
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    expect((await preview(first.json.importId)).counts).toEqual({ new: 2, changed: 0, unchanged: 0, problems: 0, warnings: 0 });
    const committed = await commit(first.json.importId);
    expect(committed.errors).toBeUndefined();
    expect(committed.data!.commitDataImport.status).toBe('COMMITTED');
    expect(await loanCount()).toBe(count + 2);

    // Each loan on the go-live day: what is owed, the days past due, the next instalment.
    const standing = async (memberId: string, asOf: string) => {
      const response = await server.gql<{ loans: { edges: Array<{ node: any }> } }>(
        `query Loans($clubId: ID!, $memberId: ID!, $asOf: LocalDate!) {
           loans(clubId: $clubId, memberId: $memberId) { edges { node { id status principal disbursedOn openingOn monthlyRate flatFee
             standing(asOf: $asOf) { outstandingPrincipal daysPastDue atRisk nextDue { dueOn } }
             events { action happenedOn reason } repayments { paidOn principal interest opening } } } }
         }`,
        { clubId: ids.kienLuongClub, memberId, asOf },
        province,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.loans.edges).toHaveLength(1);
      return response.data!.loans.edges[0].node;
    };
    const current = await standing(byCitizenId.id, goLive);
    expect(current).toMatchObject({
      status: 'DISBURSED', principal: 6_000_000, disbursedOn: currentPaidOut, openingOn: goLive, monthlyRate: '0.5', flatFee: null,
      standing: { outstandingPrincipal: 4_000_000, daysPastDue: 0, atRisk: false, nextDue: { dueOn: currentNext } },
      events: [
        { action: 'DISBURSED', happenedOn: currentPaidOut, reason: null },
        { action: 'OPENING_BALANCE', happenedOn: goLive, reason: 'Số dư đầu kỳ khi chuyển sang hệ thống' },
      ],
      repayments: [{ paidOn: goLive, principal: 2_000_000, interest: 0, opening: true }],
    });
    const late = await standing(byName.id, goLive);
    expect(late).toMatchObject({
      principal: 5_000_000, flatFee: 500_000, monthlyRate: null,
      standing: { outstandingPrincipal: 3_500_000, daysPastDue: 45, atRisk: true, nextDue: { dueOn: lateNext } },
    });
    expect((await standing(byName.id, today)).standing).toMatchObject({ daysPastDue: 45 + 3, atRisk: true });
    // Nothing of them before the go-live day.
    expect((await standing(byName.id, dayBefore)).standing).toMatchObject({ outstandingPrincipal: 0, daysPastDue: 0, atRisk: false });

    // The portfolio, the month's figures and the province's loans gain exactly the two loans, the
    // late one at risk; the day before, the month before and every fund are as they were.
    const after = await loanFigures();
    const plus = (portfolio: any) => ({
      activeLoans: portfolio.activeLoans + 2,
      outstandingPrincipal: portfolio.outstandingPrincipal + 7_500_000,
      loansAtRisk: portfolio.loansAtRisk + 1,
      principalAtRisk: portfolio.principalAtRisk + 3_500_000,
    });
    expect(after.onGoLive).toMatchObject(plus(before.onGoLive));
    expect(after.dashboard.loans).toMatchObject(plus(before.dashboard.loans));
    expect(after.month).toEqual({
      ...before.month,
      loansOutstanding: before.month.loansOutstanding + 2,
      outstandingPrincipal: before.month.outstandingPrincipal + 7_500_000,
      loansOverdue: before.month.loansOverdue + 1,
      principalOverdue: before.month.principalOverdue + 3_500_000,
      par30: after.month.par30,
    });
    const percent = (part: number, whole: number) => (Math.round((part * 10_000) / whole) / 100).toString();
    expect(after.month.par30).toBe(percent(after.month.principalOverdue, after.month.outstandingPrincipal));
    expect(after.onGoLive.par30).toBe(percent(after.onGoLive.principalAtRisk, after.onGoLive.outstandingPrincipal));
    expect(after.dayBefore).toEqual(before.dayBefore);
    expect(after.monthBefore).toEqual(before.monthBefore);
    expect(after.dashboardBefore).toEqual(before.dashboardBefore);

    // The positions kept day by day are those computed from the loans' rows alone.
    const drift = await database.owner.query(
      `select loan.id from loan
        where loan.opening_on is not null and exists (
          (select * from loan_position where loan_id = loan.id except select * from ishc.loan_positions_computed(loan.tenant_id, loan.id))
          union all
          (select * from ishc.loan_positions_computed(loan.tenant_id, loan.id) except select * from loan_position where loan_id = loan.id))`,
    );
    expect(drift).toEqual([]);

    // The same file once more: both loans are here already, as the file says.
    const second = await upload(csv);
    expect((await preview(second.json.importId)).counts).toEqual({ new: 0, changed: 0, unchanged: 2, problems: 0, warnings: 0 });
    expect((await commit(second.json.importId)).errors).toBeUndefined();
    expect(await loanCount()).toBe(count + 2);
    expect(await loanFigures()).toEqual(after);
  });

  it('takes repayments from the go-live day on into the fund, never before it, and still finds the file unchanged', async () => {
    const [loan] = await database.owner.query('select id from loan where member_id = $1 and opening_on is not null', [byName.id]);
    const repay = (paidOn: string) =>
      server.gql(
        'mutation Repay($input: RecordRepaymentInput!) { recordRepayment(input: $input) { id opening } }',
        { input: { idempotencyKey: `loan-import-${paidOn}`, loanId: loan.id, paidOn, principal: 1_000_000, interest: 100_000 } },
        province,
      );
    const refused = await repay(dayBefore);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    const before = await loanFigures();
    const paid = await repay(goLive);
    expect(paid.errors).toBeUndefined();
    const after = await loanFigures();
    expect(after.month.incomeGenerationFund).toBe(before.month.incomeGenerationFund + 1_100_000);
    expect(after.month).toMatchObject({ principalRepaid: before.month.principalRepaid + 1_000_000, interestReceived: before.month.interestReceived + 100_000 });
    // Paying what was overdue brings the loan up to date: out of PAR30.
    expect(after.onGoLive).toMatchObject({ loansAtRisk: before.onGoLive.loansAtRisk - 1, principalAtRisk: before.onGoLive.principalAtRisk - 3_500_000 });

    const again = await upload(csvOf(goodRows()));
    expect((await preview(again.json.importId)).counts).toEqual({ new: 0, changed: 0, unchanged: 2, problems: 0, warnings: 0 });
  });

  it('warns when the club’s fund balances were brought in on another go-live day', async () => {
    const fundsDay = addDays(goLive, -1);
    await database.owner.query(
      `insert into ledger_entry (tenant_id, club_id, fund, kind, entry_on, amount, description)
       select tenant_id, id, 'ACTIVITY', 'OPENING_BALANCE', $2, 1000000, 'Số dư đầu kỳ' from club where id = $1`,
      [ids.kienLuongClub, fundsDay],
    );
    const [borrower] = await database.owner.query(
      `select full_name, birth_year, citizen_id from member
        where club_id = $1 and left_on is null and citizen_id is not null and joined_on <= $2
          and not exists (select 1 from loan where loan.member_id = member.id)
        order by full_name, id limit 1`,
      [ids.kienLuongClub, addMonths(goLive, -6)],
    );
    const uploaded = await upload(
      csvOf([[ddmmyyyy(goLive), borrower.citizen_id, borrower.full_name, '', '6000000', '4.000.000', '0,5', '', '6', ddmmyyyy(currentPaidOut), ddmmyyyy(currentNext), '0', '']]),
    );
    expect(uploaded.status, JSON.stringify(uploaded.json)).toBe(201);
    const checked = await preview(uploaded.json.importId);
    expect(checked.rows.map((row: any) => [row.action, row.warnings.map((warning: any) => warning.message)])).toEqual([
      ['NEW', [`số dư quỹ đầu kỳ của câu lạc bộ được chốt ngày ${ddmmyyyy(fundsDay)}, khác ngày chốt số liệu của khoản vay (${ddmmyyyy(goLive)}); hai ngày nên là một`]],
    ]);
  });
});

