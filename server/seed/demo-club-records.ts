import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { addMonths, firstDayOf, todayInVietnam } from '../src/calendar.js';
import { equalInstalments } from '../src/loans/loan-schedule.js';
import type { MemberRow } from '../src/members/member.service.js';
import { figuresOf, figuresToJson } from '../src/monthly-reports/monthly-report.figures.js';
import { reportDueDay } from '../src/monthly-reports/monthly-report.service.js';
import { normalizeText } from '../src/text.js';

/*
 * Clubs' histories for the demo: a roster, and month by month the meeting with its attendance and
 * contributions, a second activity, home-care visits, loans paid out and repaid, an expense now and
 * then, and the monthly report with its submission and the province's decision. A club's history
 * is planned first, whole and deterministic (its random choices follow from its key), and then
 * written in bulk by windows of dates: what is dated before a province merge is written in the old
 * province's scope, the rest in the merged province's, as the clubs lived it.
 *
 * The rows are those the services write (the same columns, schedule arithmetic, ledger kinds and
 * report figures, through figuresOf) and they go through the same policies and figure triggers;
 * only the statements are fewer: one per table per window, not one per row.
 */

/** A small deterministic generator (mulberry32): the same demo data on every machine. */
export function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (probability: number) => next() < probability,
    between: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)),
  };
}
type Random = ReturnType<typeof randomFrom>;

/** A seed from a text key (FNV-1a), so each club's choices are its own. */
export function seedOf(key: string): number {
  let hash = 0x811c9dc5;
  for (const character of key) hash = Math.imul(hash ^ character.codePointAt(0)!, 16777619) >>> 0;
  return hash;
}

/** Who lives where: family names, given names, and the ethnic minorities of the area with their names. */
export interface PeopleOfArea {
  families: string[];
  womenNames: string[];
  menNames: string[];
  /** Share of members from an ethnic minority. */
  minorityShare: number;
  minorities: Array<{ ethnicity: string; women: string[]; men: string[] }>;
}

/** The Mekong delta of the old Kiên Giang and An Giang: Kinh, Khmer (Danh, Thạch, Sơn; Chau, Néang in An Giang) and Hoa. */
export const MEKONG_PEOPLE: PeopleOfArea = {
  families: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Lý', 'Trương', 'Dương', 'Hồ', 'Ngô', 'Tô', 'Phan', 'Châu'],
  womenNames: ['Thị Lan', 'Thị Hoa', 'Thị Mai', 'Thị Cúc', 'Thị Hồng', 'Thị Nga', 'Thị Hạnh', 'Thị Tuyết', 'Thị Xuân', 'Thị Thu', 'Thị Liên', 'Thị Phượng', 'Thị Sen', 'Thị Út', 'Thị Bé', 'Thị Loan', 'Thị Đào', 'Kim Chi', 'Ngọc Ánh', 'Thị Mến', 'Thị Nhàn', 'Thị Lệ'],
  menNames: ['Văn Hùng', 'Văn Dũng', 'Văn Minh', 'Văn Tâm', 'Văn Phúc', 'Văn Lộc', 'Văn Thành', 'Văn Sang', 'Văn Tư', 'Văn Năm', 'Văn Sáu', 'Hữu Nghĩa', 'Văn Bảy', 'Thanh Tùng', 'Văn Mười', 'Minh Trí'],
  minorityShare: 0.15,
  minorities: [
    { ethnicity: 'Khmer', women: ['Danh Thị Sa Rum', 'Thạch Thị Phol', 'Sơn Thị Sà Phi', 'Danh Thị Mỹ Linh', 'Néang Sa Ly', 'Thạch Thị Sóc Khe'], men: ['Danh Sà Phal', 'Thạch Minh Khen', 'Sơn Chanh Đa', 'Danh Út', 'Chau Sóc Khang', 'Thạch Sương'] },
    { ethnicity: 'Hoa', women: ['Lâm Thị Mỹ', 'Quách Thị Huê'], men: ['Lâm Văn Phát', 'Quách Văn Tài'] },
  ],
};

/** The northern midlands and mountains of Thái Nguyên and Bắc Kạn: Kinh, Tày, Nùng, Dao, Sán Dìu. */
export const NORTHERN_PEOPLE: PeopleOfArea = {
  families: ['Nguyễn', 'Hoàng', 'Đỗ', 'Lương', 'Trịnh', 'Hà', 'Dương', 'Phạm', 'Vũ', 'Đào', 'Lê', 'Ngô', 'Trần', 'Bùi'],
  womenNames: ['Thị Hằng', 'Thị Huệ', 'Thị Thủy', 'Thị Vân', 'Thị Yến', 'Thị Nhung', 'Thị Minh', 'Thị Dung', 'Thị Hiền', 'Thị Thơm', 'Thị Lụa', 'Thị Gấm', 'Thị Hòa', 'Thị Chè', 'Thị Quế', 'Thị Ngần'],
  menNames: ['Văn Sơn', 'Văn Quang', 'Văn Thắng', 'Đức Toàn', 'Văn Khánh', 'Văn Chiến', 'Xuân Trường', 'Văn Bình', 'Quốc Huy', 'Văn Tiến', 'Mạnh Hà'],
  minorityShare: 0.3,
  minorities: [
    { ethnicity: 'Tày', women: ['Ma Thị Lý', 'Nông Thị Hoan', 'Hoàng Thị Slao', 'Lường Thị Mai'], men: ['Ma Văn Khoa', 'Nông Văn Pha', 'Hoàng Văn Sỉnh', 'Lường Văn Tài'] },
    { ethnicity: 'Nùng', women: ['Lộc Thị Hiên', 'Vi Thị Phượng'], men: ['Lộc Văn Thào', 'Vi Văn Mạnh'] },
    { ethnicity: 'Dao', women: ['Triệu Thị Mẩy', 'Bàn Thị Liên'], men: ['Triệu Văn Phin', 'Bàn Văn Kiểm'] },
    { ethnicity: 'Sán Dìu', women: ['Lam Thị Nhàn'], men: ['Diệp Văn Sinh'] },
  ],
};

export interface RecordedClub {
  /** A stable key: the club's random choices follow from it. */
  key: string;
  clubId: string;
  foundedOn: string;
  /** The first month with meetings (the club's founding month, or later for a sample kept short). */
  recordsFrom: string;
  /** The first month with a monthly report, when later than recordsFrom. */
  reportsFrom?: string;
  /** Members at the founding. */
  rosterSize: number;
  people: PeopleOfArea;
  hamletIds: string[];
  seedCapital: { amount: bigint; description: string };
  contribution: bigint;
  meetingDay: number;
}

/** A member as the demo writes the row (the service's row without what the database fills in). */
type PlannedMember = Omit<MemberRow, 'tenant_id' | 'club_id' | 'search_name' | 'duplicate_status' | 'version' | 'created_at'> & { sex: 'FEMALE' | 'MALE' };

interface PlannedLoan {
  id: string;
  member_id: string;
  principal: string;
  term_months: number;
  monthly_rate: string;
  purpose: string;
  requested_on: string;
  decided_on: string;
  disbursed_on: string;
  first_due_on: string;
  closed_on: string | null;
  decision_note: string;
  instalments: Array<{ number: number; due_on: string; principal: string; interest: string }>;
}

interface PlannedEntry {
  id: string;
  fund: 'INCOME_GENERATION' | 'ACTIVITY';
  kind: string;
  entry_on: string;
  amount: string;
  member_id: string | null;
  loan_id: string | null;
  repayment_id: string | null;
  description: string | null;
}

interface PlannedReport {
  month: string;
  narrative: string;
  status: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'RETURNED';
  /** The report's history, oldest first: the day it is written on is that of the first step. */
  steps: Array<{ action: 'SUBMITTED' | 'APPROVED' | 'RETURNED'; at: string; comment: string | null }>;
  returnComment: string | null;
  /** The day the report is first written (saved or submitted). */
  writtenOn: string;
}

export interface ClubHistory {
  club: RecordedClub;
  members: PlannedMember[];
  loans: PlannedLoan[];
  repayments: Array<{ id: string; loan_id: string; member_id: string; paid_on: string; principal: string; interest: string }>;
  activities: Array<{ id: string; held_on: string; area: string; monthly_meeting: boolean; title: string; notes: string | null; attendees: string[] }>;
  visits: Array<{ volunteer_id: string; member_id: string; visited_on: string; kinds: string[] }>;
  entries: PlannedEntry[];
  reports: PlannedReport[];
}

const LOAN_PURPOSES = ['LIVESTOCK', 'SMALL_TRADE', 'CROPS', 'AQUACULTURE', 'HANDICRAFT', 'SERVICES', 'LIVESTOCK', 'SMALL_TRADE'];
const SECOND_ACTIVITIES: Array<[string, string]> = [
  ['HEALTH', 'Khám sức khỏe định kỳ và tập dưỡng sinh'],
  ['CULTURE', 'Giao lưu văn nghệ, thể dục thể thao'],
  ['LEARNING', 'Nói chuyện chuyên đề chăm sóc sức khỏe người cao tuổi'],
  ['RIGHTS', 'Phổ biến chính sách trợ cấp xã hội và bảo hiểm y tế'],
  ['LIVELIHOOD', 'Tập huấn kỹ thuật chăn nuôi, trồng trọt'],
  ['HOME_CARE', 'Tình nguyện viên họp bàn kế hoạch chăm sóc tại nhà'],
  ['RESOURCE_MOBILISATION', 'Vận động nhà hảo tâm ủng hộ quỹ hoạt động'],
];
const EXPENSES = [
  'Chi thăm hỏi thành viên ốm đau',
  'Chi hỗ trợ thành viên gặp khó khăn đột xuất',
  'Chi tổ chức sinh hoạt văn nghệ',
  'Chi mua nước uống, văn phòng phẩm cho buổi sinh hoạt',
];
const RETURN_COMMENTS = [
  'Đề nghị bổ sung số lượt thăm hỏi tại nhà trong tháng.',
  'Đề nghị ghi rõ tình hình thu hồi nợ của các khoản vay đến hạn.',
  'Số thành viên tham dự sinh hoạt chưa khớp với sổ điểm danh; đề nghị kiểm tra lại.',
];

function dayIn(month: string, day: number): string {
  return `${month}-${String(day).padStart(2, '0')}`;
}

function at(day: string, hour: number, minute: number): string {
  return `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+07:00`;
}

function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; month = addMonths(firstDayOf(month), 1).slice(0, 7)) months.push(month);
  return months;
}

function narrativeOf(random: Random, month: string, attended: number, loansOut: number): string {
  const label = `Tháng ${Number(month.slice(5))}/${month.slice(0, 4)}`;
  const openings = [
    `${label} câu lạc bộ sinh hoạt định kỳ với ${attended} thành viên tham dự, thu quỹ hoạt động đầy đủ.`,
    `${label} câu lạc bộ duy trì sinh hoạt, ${attended} thành viên dự họp; các tổ tình nguyện viên thăm hỏi thành viên neo đơn.`,
    `${label} ban chủ nhiệm tổ chức sinh hoạt định kỳ (${attended} thành viên dự), kiểm tra sổ quỹ và sổ cho vay.`,
  ];
  const loans = loansOut
    ? `Quỹ tăng thu nhập đang cho ${loansOut} thành viên vay vốn phát triển sinh kế.`
    : 'Quỹ tăng thu nhập chưa có khoản vay đang thu hồi.';
  return `${random.pick(openings)} ${loans}`;
}

/**
 * A club's whole history from its founding to the month before `today`, deterministic for its key.
 * Members joining at the founding get the seed capital's loans first; a few borrowers fall behind.
 */
export function planClubHistory(club: RecordedClub, today = todayInVietnam()): ClubHistory {
  const random = randomFrom(seedOf(club.key));
  const lastMonth = addMonths(firstDayOf(today.slice(0, 7)), -1).slice(0, 7);
  const foundedYear = Number(club.foundedOn.slice(0, 4));
  const history: ClubHistory = { club, members: [], loans: [], repayments: [], activities: [], visits: [], entries: [], reports: [] };
  const months = monthsFrom(club.recordsFrom, lastMonth);

  // The roster: two thirds women and two thirds older people, as the quality standard asks; a
  // tenth more join over the months.
  const names = new Set<string>();
  const newMember = (index: number, joinedOn: string): PlannedMember => {
    const woman = random.chance(0.66);
    const older = random.chance(0.67);
    const minority = random.chance(club.people.minorityShare) ? random.pick(club.people.minorities) : null;
    let fullName = '';
    for (let attempt = 0; attempt < 50 && (!fullName || names.has(fullName)); attempt += 1) {
      fullName = minority
        ? random.pick(woman ? minority.women : minority.men)
        : `${random.pick(club.people.families)} ${random.pick(woman ? club.people.womenNames : club.people.menNames)}`;
      if (names.has(fullName) && attempt > 10) fullName = `${fullName} ${random.pick(['A', 'B', 'C', 'Út', 'Hai', 'Ba'])}`;
    }
    names.add(fullName);
    const poor = random.chance(0.16);
    const boardRole = index === 0 ? 'HEAD' : index === 1 ? 'DEPUTY' : index === 2 ? 'TREASURER' : index === 3 ? 'SECRETARY' : null;
    const volunteer = index >= 4 && index < 9;
    const olderMember = older || index === 0;
    return {
      id: randomUUID(),
      full_name: normalizeText(fullName),
      sex: woman ? 'FEMALE' : 'MALE',
      birth_year: olderMember ? random.between(foundedYear - 84, foundedYear - 61) : random.between(foundedYear - 57, foundedYear - 24),
      citizen_id: random.chance(0.5) ? `0${random.between(10, 99)}${woman ? '3' : '2'}${random.between(10_000_000, 99_999_999)}` : null,
      phone: random.chance(0.6) ? `09${random.between(10_000_000, 99_999_999)}` : null,
      hamlet_id: club.hamletIds.length ? random.pick(club.hamletIds) : null,
      joined_on: joinedOn,
      left_on: null,
      leave_reason: null,
      poor_household: poor,
      near_poor_household: !poor && random.chance(0.18),
      ethnic_minority: minority ? normalizeText(minority.ethnicity) : null,
      disability: random.chance(0.05),
      lives_alone: olderMember && random.chance(0.12),
      needs_home_care: olderMember && !volunteer && boardRole === null && random.chance(0.1),
      board_role: boardRole,
      home_care_volunteer: volunteer,
    };
  };
  for (let index = 0; index < club.rosterSize; index += 1) history.members.push(newMember(index, club.foundedOn));
  const careReceivers = history.members.filter((member) => member.needs_home_care);
  const volunteers = history.members.filter((member) => member.home_care_volunteer);

  // Seed capital into the income-generation fund on the founding day.
  let incomeFund = club.seedCapital.amount;
  let activityFund = 0n;
  history.entries.push({
    id: randomUUID(), fund: 'INCOME_GENERATION', kind: 'SEED_CAPITAL', entry_on: club.foundedOn, amount: club.seedCapital.amount.toString(),
    member_id: null, loan_id: null, repayment_id: null, description: normalizeText(club.seedCapital.description),
  });

  const running = new Map<string, { loan: PlannedLoan; paidPrincipal: bigint; paidInterest: bigint; stopsFrom: number | null }>();
  const borrowed = new Set<string>();
  for (const [monthIndex, month] of months.entries()) {
    const meetingDay = dayIn(month, club.meetingDay);
    if (meetingDay < club.foundedOn) continue;
    if (monthIndex > 0 && random.chance(0.06)) history.members.push(newMember(history.members.length, meetingDay));
    const present = history.members.filter((member) => member.joined_on <= meetingDay && (!member.left_on || member.left_on > meetingDay));

    // Repayments first: the treasurer takes what is due, then pays out what the fund can cover.
    for (const [loanId, state] of running) {
      if (state.stopsFrom !== null && monthIndex >= state.stopsFrom) continue;
      const due = state.loan.instalments.filter((instalment) => instalment.due_on <= meetingDay);
      const duePrincipal = due.reduce((sum, instalment) => sum + BigInt(instalment.principal), 0n) - state.paidPrincipal;
      const dueInterest = due.reduce((sum, instalment) => sum + BigInt(instalment.interest), 0n) - state.paidInterest;
      if (duePrincipal <= 0n && dueInterest <= 0n) continue;
      const repaymentId = randomUUID();
      history.repayments.push({
        id: repaymentId, loan_id: loanId, member_id: state.loan.member_id, paid_on: meetingDay,
        principal: (duePrincipal > 0n ? duePrincipal : 0n).toString(), interest: (dueInterest > 0n ? dueInterest : 0n).toString(),
      });
      for (const [kind, amount] of [['PRINCIPAL_REPAID', duePrincipal], ['INTEREST', dueInterest]] as const) {
        if (amount > 0n) {
          history.entries.push({
            id: randomUUID(), fund: 'INCOME_GENERATION', kind, entry_on: meetingDay, amount: amount.toString(),
            member_id: state.loan.member_id, loan_id: loanId, repayment_id: repaymentId, description: null,
          });
          incomeFund += amount;
        }
      }
      state.paidPrincipal += duePrincipal > 0n ? duePrincipal : 0n;
      state.paidInterest += dueInterest > 0n ? dueInterest : 0n;
      if (state.paidPrincipal === BigInt(state.loan.principal) && state.loan.instalments.every((instalment) => instalment.due_on <= meetingDay)) {
        state.loan.closed_on = meetingDay;
        running.delete(loanId);
      }
    }

    // A new loan in some months, to a founding member who has none running, when the fund can pay it.
    const loansThisMonth = random.chance(0.4) ? 1 : 0;
    for (let count = 0; count < loansThisMonth; count += 1) {
      const candidates = present.filter((member) => ![...running.values()].some((state) => state.loan.member_id === member.id) && !member.left_on);
      const borrower = candidates.find((member) => !borrowed.has(member.id)) ?? (candidates.length ? random.pick(candidates) : undefined);
      const principal = BigInt(random.between(4, 10)) * 500_000n;
      if (!borrower || principal > incomeFund || borrower.joined_on > dayIn(month, 1)) continue;
      const termMonths = random.pick([10, 12, 12]);
      const firstDueOn = dayIn(addMonths(firstDayOf(month), 1).slice(0, 7), club.meetingDay);
      const loan: PlannedLoan = {
        id: randomUUID(), member_id: borrower.id, principal: principal.toString(), term_months: termMonths, monthly_rate: '0.5',
        purpose: random.pick(LOAN_PURPOSES), requested_on: dayIn(month, 1), decided_on: dayIn(month, 3), disbursed_on: meetingDay,
        first_due_on: firstDueOn, closed_on: null, decision_note: 'Ban chủ nhiệm thống nhất cho vay',
        instalments: equalInstalments(principal, termMonths, firstDueOn, { monthlyRate: '0.5' }).map((instalment) => ({
          number: instalment.number, due_on: instalment.dueOn, principal: instalment.principal.toString(), interest: instalment.interest.toString(),
        })),
      };
      history.loans.push(loan);
      borrowed.add(borrower.id);
      // About one borrower in twelve stops paying after a few months: the portfolio at risk is not nil.
      running.set(loan.id, { loan, paidPrincipal: 0n, paidInterest: 0n, stopsFrom: random.chance(0.08) ? monthIndex + random.between(3, 6) : null });
      incomeFund -= principal;
      history.entries.push({
        id: randomUUID(), fund: 'INCOME_GENERATION', kind: 'LOAN_DISBURSED', entry_on: meetingDay, amount: (-principal).toString(),
        member_id: borrower.id, loan_id: loan.id, repayment_id: null, description: null,
      });
    }

    // The meeting: attendance, and each member present pays the monthly contribution.
    const attendees = present.filter((member) => !member.needs_home_care && random.chance(0.82));
    history.activities.push({
      id: randomUUID(), held_on: meetingDay, area: 'SELF_HELP', monthly_meeting: true,
      title: `Sinh hoạt định kỳ tháng ${Number(month.slice(5))}/${month.slice(0, 4)}`,
      notes: 'Điểm danh, thu tiền góp quỹ hoạt động, thu nợ gốc và lãi, giải ngân các khoản vay đã được duyệt.',
      attendees: attendees.map((member) => member.id),
    });
    for (const member of attendees) {
      history.entries.push({
        id: randomUUID(), fund: 'ACTIVITY', kind: 'CONTRIBUTION', entry_on: meetingDay, amount: club.contribution.toString(),
        member_id: member.id, loan_id: null, repayment_id: null, description: null,
      });
      activityFund += club.contribution;
    }
    const [area, title] = SECOND_ACTIVITIES[(monthIndex + seedOf(club.key)) % SECOND_ACTIVITIES.length];
    history.activities.push({
      id: randomUUID(), held_on: dayIn(month, Math.min(28, club.meetingDay + 9)), area, monthly_meeting: false, title, notes: null,
      attendees: present.filter(() => random.chance(0.5)).map((member) => member.id),
    });
    if (monthIndex % 3 === 2) {
      const expense = BigInt(random.between(2, 6)) * 100_000n;
      if (expense <= activityFund) {
        activityFund -= expense;
        history.entries.push({
          id: randomUUID(), fund: 'ACTIVITY', kind: 'EXPENSE', entry_on: dayIn(month, Math.min(28, club.meetingDay + 5)), amount: (-expense).toString(),
          member_id: null, loan_id: null, repayment_id: null, description: random.pick(EXPENSES),
        });
      }
    }
    for (const [index, receiver] of careReceivers.entries()) {
      if (receiver.joined_on > dayIn(month, 20) || !volunteers.length) continue;
      history.visits.push({
        volunteer_id: volunteers[index % volunteers.length].id, member_id: receiver.id, visited_on: dayIn(month, Math.min(28, 6 + index)),
        kinds: index % 2 ? ['HOUSEWORK', 'EMOTIONAL_SUPPORT'] : ['HEALTH_CHECK', 'EMOTIONAL_SUPPORT'],
      });
    }

    // The month's report: sent in the first days of the next month, approved a few days later;
    // one in ten is returned once for a correction. The last month is still in the club's hands
    // or waiting in the province's queue, and the one before may wait too.
    if (club.reportsFrom && month < club.reportsFrom) continue;
    const sendMonth = addMonths(firstDayOf(month), 1).slice(0, 7);
    const narrative = narrativeOf(random, month, attendees.length, running.size);
    const sentDay = dayIn(sendMonth, random.chance(0.12) ? random.between(6, 12) : random.between(2, 5));
    const isLast = monthIndex === months.length - 1;
    const isBeforeLast = monthIndex === months.length - 2;
    // Nothing is dated today or later: what the schedule puts there has not happened yet.
    if (sentDay >= today || (isLast && random.chance(0.45))) {
      const writtenOn = dayIn(sendMonth, 2) < today ? dayIn(sendMonth, 2) : today;
      history.reports.push({ month, narrative, status: 'DRAFT', steps: [], returnComment: null, writtenOn });
      continue;
    }
    const steps: PlannedReport['steps'] = [{ action: 'SUBMITTED', at: at(sentDay, random.between(8, 16), random.between(0, 59)), comment: null }];
    let status: PlannedReport['status'] = 'SUBMITTED';
    let returnComment: string | null = null;
    const waits = isLast || (isBeforeLast && random.chance(0.3));
    let decidedDay = dayIn(sendMonth, Number(sentDay.slice(8)) + random.between(1, 4));
    if (isBeforeLast && !waits && decidedDay < today && random.chance(0.15)) {
      // Returned for a correction the club has not sent yet.
      returnComment = random.pick(RETURN_COMMENTS);
      steps.push({ action: 'RETURNED', at: at(decidedDay, random.between(8, 11), random.between(0, 59)), comment: returnComment });
      history.reports.push({ month, narrative, status: 'RETURNED', steps, returnComment, writtenOn: sentDay });
      continue;
    }
    if (!waits && decidedDay < today) {
      if (random.chance(0.1)) {
        const resent = dayIn(sendMonth, Number(decidedDay.slice(8)) + random.between(1, 3));
        const redecided = dayIn(sendMonth, Number(resent.slice(8)) + random.between(1, 3));
        if (redecided < today) {
          returnComment = random.pick(RETURN_COMMENTS);
          steps.push({ action: 'RETURNED', at: at(decidedDay, random.between(8, 11), random.between(0, 59)), comment: returnComment });
          steps.push({ action: 'SUBMITTED', at: at(resent, random.between(8, 16), random.between(0, 59)), comment: null });
          decidedDay = redecided;
        }
      }
      steps.push({ action: 'APPROVED', at: at(decidedDay, random.between(13, 16), random.between(0, 59)), comment: null });
      status = 'APPROVED';
    }
    history.reports.push({ month, narrative, status, steps, returnComment, writtenOn: sentDay });
  }
  return history;
}

export interface DateWindow {
  /** Only what is dated before this day. */
  before?: string;
  /** Only what is dated on or after this day. */
  from?: string;
}

function within(window: DateWindow, day: string): boolean {
  return (!window.before || day < window.before) && (!window.from || day >= window.from);
}

/** Inserts rows as one statement per few thousand, typed by the column list. */
async function insertRows(db: EntityManager, table: string, columns: Array<[string, string]>, rows: Array<Record<string, unknown>>): Promise<void> {
  const names = columns.map(([name]) => name).join(', ');
  const types = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  for (let start = 0; start < rows.length; start += 4000) {
    await db.query(`insert into ${table} (${names}) select ${names} from jsonb_to_recordset($1::jsonb) as row (${types})`, [
      JSON.stringify(rows.slice(start, start + 4000)),
    ]);
  }
}

/** The accounts the reports' history names: who sent them (club staff, if the club has an account) and who decided. */
export interface ReportPeople {
  deciderId: string | null;
  submitterIds?: Map<string, string>;
}

/**
 * Writes what the clubs' histories date within the window, in the current scope: members who
 * joined, loans paid out (with their schedule and events), activities with attendance, home-care
 * visits, ledger entries, repayments, loans closed, and reports first written within it.
 */
export async function writeClubHistories(db: EntityManager, histories: ClubHistory[], window: DateWindow, people: ReportPeople): Promise<void> {
  const clubOf = (history: ClubHistory) => history.club.clubId;
  const members = histories.flatMap((history) => history.members.filter((member) => within(window, member.joined_on)).map((member) => ({ ...member, club_id: clubOf(history) })));
  await insertRows(db, 'member', [
    ['id', 'uuid'], ['club_id', 'uuid'], ['full_name', 'text'], ['sex', 'text'], ['birth_year', 'smallint'], ['citizen_id', 'text'], ['phone', 'text'],
    ['hamlet_id', 'uuid'], ['joined_on', 'date'], ['left_on', 'date'], ['leave_reason', 'text'], ['poor_household', 'boolean'],
    ['near_poor_household', 'boolean'], ['ethnic_minority', 'text'], ['disability', 'boolean'], ['lives_alone', 'boolean'],
    ['needs_home_care', 'boolean'], ['board_role', 'text'], ['home_care_volunteer', 'boolean'],
  ], members);

  // Loans paid out in the window, as payOutLoan leaves them; closed in it too if they were.
  const loans = histories.flatMap((history) => history.loans.filter((loan) => within(window, loan.disbursed_on)).map((loan) => ({ history, loan })));
  await insertRows(db, 'loan', [
    ['id', 'uuid'], ['club_id', 'uuid'], ['member_id', 'uuid'], ['principal', 'bigint'], ['term_months', 'smallint'], ['monthly_rate', 'numeric'],
    ['purpose', 'text'], ['status', 'text'], ['requested_on', 'date'], ['decided_on', 'date'], ['decision_note', 'text'],
    ['disbursed_on', 'date'], ['first_due_on', 'date'], ['closed_on', 'date'], ['schedule_version', 'smallint'],
  ], loans.map(({ history, loan }) => {
    const closed = loan.closed_on !== null && within(window, loan.closed_on);
    return {
      id: loan.id, club_id: clubOf(history), member_id: loan.member_id, principal: loan.principal, term_months: loan.term_months,
      monthly_rate: loan.monthly_rate, purpose: loan.purpose, status: closed ? 'CLOSED' : 'DISBURSED', requested_on: loan.requested_on,
      decided_on: loan.decided_on, decision_note: loan.decision_note, disbursed_on: loan.disbursed_on, first_due_on: loan.first_due_on,
      closed_on: closed ? loan.closed_on : null, schedule_version: 1,
    };
  }));
  await insertRows(db, 'loan_instalment', [
    ['club_id', 'uuid'], ['loan_id', 'uuid'], ['schedule_version', 'smallint'], ['number', 'smallint'], ['due_on', 'date'], ['principal', 'bigint'], ['interest', 'bigint'],
  ], loans.flatMap(({ history, loan }) => loan.instalments.map((instalment) => ({ ...instalment, club_id: clubOf(history), loan_id: loan.id, schedule_version: 1 }))));
  const loanEvents = histories.flatMap((history) =>
    history.loans.flatMap((loan) => [
      ...(within(window, loan.disbursed_on)
        ? [
            { club_id: clubOf(history), loan_id: loan.id, action: 'REQUESTED', happened_on: loan.requested_on, reason: null },
            { club_id: clubOf(history), loan_id: loan.id, action: 'APPROVED', happened_on: loan.decided_on, reason: loan.decision_note },
            { club_id: clubOf(history), loan_id: loan.id, action: 'DISBURSED', happened_on: loan.disbursed_on, reason: null },
          ]
        : []),
      ...(loan.closed_on && within(window, loan.closed_on) ? [{ club_id: clubOf(history), loan_id: loan.id, action: 'CLOSED', happened_on: loan.closed_on, reason: null }] : []),
    ]),
  );
  // Loans paid out before the window and repaid within it close now.
  const closing = histories.flatMap((history) => history.loans.filter((loan) => !within(window, loan.disbursed_on) && loan.closed_on && within(window, loan.closed_on)));
  if (closing.length) {
    await db.query(
      `update loan set status = 'CLOSED', closed_on = closing.closed_on, version = version + 1, updated_at = now()
         from jsonb_to_recordset($1::jsonb) as closing (id uuid, closed_on date) where loan.id = closing.id`,
      [JSON.stringify(closing.map((loan) => ({ id: loan.id, closed_on: loan.closed_on })))],
    );
  }

  const activities = histories.flatMap((history) => history.activities.filter((activity) => within(window, activity.held_on)).map((activity) => ({ history, activity })));
  await insertRows(db, 'activity', [
    ['id', 'uuid'], ['club_id', 'uuid'], ['held_on', 'date'], ['area', 'text'], ['monthly_meeting', 'boolean'], ['title', 'text'], ['notes', 'text'],
  ], activities.map(({ history, activity }) => ({ ...activity, attendees: undefined, club_id: clubOf(history) })));
  await insertRows(db, 'attendance', [['club_id', 'uuid'], ['activity_id', 'uuid'], ['member_id', 'uuid']],
    activities.flatMap(({ history, activity }) => activity.attendees.map((memberId) => ({ club_id: clubOf(history), activity_id: activity.id, member_id: memberId }))));
  await insertRows(db, 'home_care_visit', [['club_id', 'uuid'], ['volunteer_id', 'uuid'], ['member_id', 'uuid'], ['visited_on', 'date'], ['kinds', 'text[]']],
    histories.flatMap((history) => history.visits.filter((visit) => within(window, visit.visited_on)).map((visit) => ({ ...visit, club_id: clubOf(history) }))));

  await insertRows(db, 'repayment', [['id', 'uuid'], ['club_id', 'uuid'], ['loan_id', 'uuid'], ['paid_on', 'date'], ['principal', 'bigint'], ['interest', 'bigint']],
    histories.flatMap((history) => history.repayments.filter((repayment) => within(window, repayment.paid_on)).map((repayment) => ({ ...repayment, club_id: clubOf(history) }))));
  await insertRows(db, 'ledger_entry', [
    ['id', 'uuid'], ['club_id', 'uuid'], ['fund', 'text'], ['kind', 'text'], ['entry_on', 'date'], ['amount', 'bigint'], ['member_id', 'uuid'],
    ['loan_id', 'uuid'], ['repayment_id', 'uuid'], ['description', 'text'],
  ], histories.flatMap((history) => history.entries.filter((entry) => within(window, entry.entry_on)).map((entry) => ({ ...entry, club_id: clubOf(history) }))));
  await insertRows(db, 'loan_event', [['club_id', 'uuid'], ['loan_id', 'uuid'], ['action', 'text'], ['happened_on', 'date'], ['reason', 'text']], loanEvents);

  await writeReports(
    db,
    histories.flatMap((history) => history.reports.filter((report) => within(window, report.writtenOn)).map((report) => ({ clubId: clubOf(history), report }))),
    people,
  );
}

/**
 * Monthly reports with their history: the figures frozen at submission are the service's own
 * (figuresOf, on the rows dated up to the month's end), the times those of the report's schedule.
 */
export async function writeReports(db: EntityManager, reports: Array<{ clubId: string; report: PlannedReport }>, people: ReportPeople): Promise<void> {
  if (!reports.length) return;
  const { reportDueDay: dueDay } = await reportDueDay(db);
  const rows: Array<Record<string, unknown>> = [];
  const events: Array<Record<string, unknown>> = [];
  for (const { clubId, report } of reports) {
    const id = randomUUID();
    const submissions = report.steps.filter((step) => step.action === 'SUBMITTED');
    // As the service keeps them: the latest decision stays on the report through a resubmission.
    const decision = [...report.steps].reverse().find((step) => step.action !== 'SUBMITTED');
    const submitterId = people.submitterIds?.get(clubId) ?? null;
    rows.push({
      id, club_id: clubId, month: firstDayOf(report.month), status: report.status, narrative: report.narrative,
      figures: report.status === 'DRAFT' ? null : JSON.parse(figuresToJson(await figuresOf(db, clubId, report.month))),
      due_on: `${addMonths(firstDayOf(report.month), 1).slice(0, 7)}-${String(dueDay).padStart(2, '0')}`,
      submitted_at: submissions.at(-1)?.at ?? null, first_submitted_at: submissions[0]?.at ?? null,
      submitted_by: submissions.length ? submitterId : null,
      decided_at: decision?.at ?? null, decided_by: decision ? people.deciderId : null, return_comment: report.returnComment,
      version: 1 + report.steps.length,
    });
    for (const step of report.steps) {
      events.push({
        club_id: clubId, report_id: id, action: step.action, comment: step.comment, recorded_at: step.at,
        recorded_by: step.action === 'SUBMITTED' ? submitterId : people.deciderId,
      });
    }
  }
  await insertRows(db, 'monthly_report', [
    ['id', 'uuid'], ['club_id', 'uuid'], ['month', 'date'], ['status', 'text'], ['narrative', 'text'], ['figures', 'jsonb'], ['due_on', 'date'],
    ['submitted_at', 'timestamptz'], ['first_submitted_at', 'timestamptz'], ['submitted_by', 'uuid'], ['decided_at', 'timestamptz'],
    ['decided_by', 'uuid'], ['return_comment', 'text'], ['version', 'integer'],
  ], rows);
  await insertRows(db, 'monthly_report_event', [
    ['club_id', 'uuid'], ['report_id', 'uuid'], ['action', 'text'], ['comment', 'text'], ['recorded_at', 'timestamptz'], ['recorded_by', 'uuid'],
  ], events);
}
