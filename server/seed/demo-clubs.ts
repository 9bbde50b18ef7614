import type { EntityManager } from 'typeorm';
import { createActivity, recordHomeCareVisit } from '../src/activities/activity.service.js';
import { ActivityArea, HomeCareKind } from '../src/activities/activity.types.js';
import { addMonths, firstDayOf, todayInVietnam } from '../src/calendar.js';
import { fundBalance, recordFundEntry } from '../src/funds/ledger.service.js';
import { Fund, LedgerKind } from '../src/funds/ledger.types.js';
import { approveLoan, findLoansByIds, requestLoan, standingsOf } from '../src/loans/loan.service.js';
import { LoanPurpose } from '../src/loans/loan.types.js';
import { submitMeetingSheet } from '../src/meeting-sheet/meeting-sheet.service.js';
import { createMember, recordMemberLeft } from '../src/members/member.service.js';
import { BoardRole, Sex } from '../src/members/member.types.js';
import { DEMO_ACCOUNTS, KIEN_LUONG_CLUB, TUC_DUYEN_CLUB } from './demo-accounts.js';
import { randomFrom, writeReports, type DateWindow } from './demo-club-records.js';

const SEED_REQUEST = 'seed-demo';

/*
 * Two clubs at work, entered through the same services (and so the same rules) as the club
 * staff's screens: about 60 members each with their board and volunteers, six months of
 * meetings with attendance, repayments and contributions, home-care visits, seed capital,
 * loans (some overdue) and monthly reports in every state. The people are invented, the
 * months are the six before the current one, and the random choices are fixed by a seed, so
 * every installation gets the same clubs. The reports are written with their history's own
 * times (sent early in the next month, decided a few days later), which the services would
 * stamp with the moment of loading; their frozen figures are the services' (figuresOf).
 */

interface ClubProfile {
  clubName: string;
  seed: number;
  foundedOn: string;
  families: string[];
  minorityFamilies: Array<{ family: string; ethnicity: string }>;
  womenNames: string[];
  menNames: string[];
  seedCapital: { amount: bigint; from: string };
  topUp: { amount: bigint; from: string };
  contribution: bigint;
  meetingDay: number;
  narrative: (month: string) => string;
}

const KIEN_LUONG: ClubProfile = {
  clubName: KIEN_LUONG_CLUB,
  seed: 91_0787,
  foundedOn: '2019-06-15',
  families: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Lý', 'Trương', 'Dương', 'Hồ', 'Ngô', 'Tô'],
  minorityFamilies: [
    { family: 'Danh', ethnicity: 'Khmer' },
    { family: 'Thạch', ethnicity: 'Khmer' },
    { family: 'Sơn', ethnicity: 'Khmer' },
    { family: 'Lâm', ethnicity: 'Hoa' },
  ],
  womenNames: ['Thị Lan', 'Thị Hoa', 'Thị Mai', 'Thị Cúc', 'Thị Hồng', 'Thị Nga', 'Thị Hạnh', 'Thị Tuyết', 'Thị Xuân', 'Thị Thu', 'Thị Liên', 'Thị Phượng', 'Thị Sen', 'Thị Út', 'Thị Bé', 'Thị Loan', 'Thị Đào', 'Kim Chi', 'Ngọc Ánh', 'Thị Mến'],
  menNames: ['Văn Hùng', 'Văn Dũng', 'Văn Minh', 'Văn Tâm', 'Văn Phúc', 'Văn Lộc', 'Văn Thành', 'Văn Sang', 'Văn Tư', 'Văn Năm', 'Văn Sáu', 'Hữu Nghĩa', 'Văn Bảy', 'Thanh Tùng'],
  seedCapital: { amount: 20_000_000n, from: 'Vốn ban đầu do Hội Người cao tuổi tỉnh vận động hỗ trợ theo Đề án (20.000.000 đồng/câu lạc bộ)' },
  topUp: { amount: 10_000_000n, from: 'Doanh nghiệp xi măng trên địa bàn hỗ trợ bổ sung quỹ' },
  contribution: 10_000n,
  meetingDay: 10,
  narrative: (month) =>
    `Tháng ${Number(month.slice(5))}/${month.slice(0, 4)} câu lạc bộ sinh hoạt định kỳ, duy trì quỹ tăng thu nhập và chăm sóc tại nhà cho thành viên neo đơn. ` +
    'Một số thành viên chậm trả nợ do thu hoạch không đạt; ban chủ nhiệm đã đến nhà động viên.',
};

const TUC_DUYEN: ClubProfile = {
  clubName: TUC_DUYEN_CLUB,
  seed: 19_05437,
  foundedOn: '2018-03-20',
  families: ['Nguyễn', 'Hoàng', 'Đỗ', 'Lương', 'Trịnh', 'Hà', 'Dương', 'Phạm', 'Vũ', 'Đào', 'Lê', 'Ngô', 'Trần'],
  minorityFamilies: [
    { family: 'Ma', ethnicity: 'Tày' },
    { family: 'Nông', ethnicity: 'Tày' },
    { family: 'Hoàng', ethnicity: 'Nùng' },
    { family: 'Triệu', ethnicity: 'Dao' },
  ],
  womenNames: ['Thị Hằng', 'Thị Huệ', 'Thị Thủy', 'Thị Vân', 'Thị Yến', 'Thị Nhung', 'Thị Minh', 'Thị Dung', 'Thị Hiền', 'Thị Thơm', 'Thị Lụa', 'Thị Gấm', 'Thị Hòa', 'Thị Chè', 'Thị Quế', 'Thị Ngần'],
  menNames: ['Văn Sơn', 'Văn Quang', 'Văn Thắng', 'Đức Toàn', 'Văn Khánh', 'Văn Chiến', 'Xuân Trường', 'Văn Bình', 'Quốc Huy', 'Văn Tiến', 'Mạnh Hà'],
  seedCapital: { amount: 15_000_000n, from: 'Vốn ban đầu từ nguồn xã hội hóa do Hội Người cao tuổi tỉnh vận động' },
  topUp: { amount: 5_000_000n, from: 'Ủy ban nhân dân phường Túc Duyên hỗ trợ' },
  contribution: 20_000n,
  meetingDay: 15,
  narrative: (month) =>
    `Tháng ${Number(month.slice(5))}/${month.slice(0, 4)} câu lạc bộ tổ chức sinh hoạt, khám sức khỏe và tập dưỡng sinh; ` +
    'tình nguyện viên thăm hỏi thành viên ốm đau. Quỹ tăng thu nhập quay vòng tốt, còn hai thành viên trả chậm.',
};

const LOAN_PURPOSES = [LoanPurpose.LIVESTOCK, LoanPurpose.SMALL_TRADE, LoanPurpose.CROPS, LoanPurpose.AQUACULTURE, LoanPurpose.HANDICRAFT, LoanPurpose.SERVICES];

interface SeededMember {
  id: string;
  older: boolean;
  volunteer: boolean;
  needsCare: boolean;
  joinedOn: string;
  leftOn: string | null;
  defaulter: boolean;
}

function dayOf(month: string, day: number): string {
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Seeds each demo club of the scope that has no member yet, whole; says whether it seeded any. */
export async function seedDemoClubs(db: EntityManager): Promise<boolean> {
  let seeded = false;
  for (const profile of [KIEN_LUONG, TUC_DUYEN]) {
    const clubs: Array<{ id: string }> = await db.query('select id from club where name = $1', [profile.clubName]);
    if (!clubs[0]) continue;
    // Members are never deleted, so a club with none has never been used: safe to fill.
    const used: unknown[] = await db.query('select 1 from member where club_id = $1 limit 1', [clubs[0].id]);
    if (used.length) continue;
    await seedClub(db, clubs[0].id, profile, {});
    seeded = true;
  }
  return seeded;
}

/**
 * Seeds what a demo club's history dates within the window, in the current scope: the Kiên Lương
 * club's founding roster and seed capital before the merge (in Kiên Giang), its months after it
 * (in An Giang). Says whether the club is in this scope.
 */
export async function seedDemoClubPart(db: EntityManager, clubName: string, window: DateWindow): Promise<boolean> {
  const profile = [KIEN_LUONG, TUC_DUYEN].find((candidate) => candidate.clubName === clubName);
  const clubs: Array<{ id: string }> = await db.query('select id from club where name = $1', [clubName]);
  if (!profile || !clubs[0]) return false;
  await seedClub(db, clubs[0].id, profile, window);
  return true;
}

interface PlannedMemberInput {
  input: Parameters<typeof createMember>[3];
  older: boolean;
  volunteer: boolean;
  needsCare: boolean;
}

/** The roster, planned before anything is written: the same random draws whichever part is seeded. */
function planMembers(random: ReturnType<typeof randomFrom>, profile: ClubProfile, months: string[], thisYear: number, hamletIds: string[]): PlannedMemberInput[] {
  const planned: PlannedMemberInput[] = [];
  const seen = new Set<string>();
  const memberCount = 62;
  for (let index = 0; index < memberCount; index += 1) {
    const woman = random.chance(0.66);
    const older = random.chance(0.67);
    const minority = random.chance(0.12) ? random.pick(profile.minorityFamilies) : null;
    let fullName = '';
    do {
      fullName = `${minority ? minority.family : random.pick(profile.families)} ${random.pick(woman ? profile.womenNames : profile.menNames)}`;
    } while (seen.has(fullName));
    seen.add(fullName);
    const lateJoiner = index >= memberCount - 4;
    const joinedOn = lateJoiner ? dayOf(months[index - (memberCount - 4) + 1], profile.meetingDay) : profile.foundedOn;
    const poor = random.chance(0.18);
    const boardRole = index === 0 ? BoardRole.HEAD : index === 1 ? BoardRole.DEPUTY : index === 2 ? BoardRole.TREASURER : index === 3 ? BoardRole.SECRETARY : null;
    const volunteer = index >= 4 && index < 10;
    const needsCare = older && !volunteer && index >= 10 && random.chance(0.15);
    planned.push({
      older,
      volunteer,
      needsCare,
      input: {
        fullName,
        sex: woman ? Sex.FEMALE : Sex.MALE,
        birthYear: older ? random.between(thisYear - 86, thisYear - 60) : random.between(thisYear - 58, thisYear - 25),
        citizenId: random.chance(0.5) ? `0${String(random.between(10, 99))}${woman ? '3' : '2'}${String(random.between(10_000_000, 99_999_999))}` : null,
        phone: random.chance(0.6) ? `09${String(random.between(10_000_000, 99_999_999))}` : null,
        hamletId: hamletIds.length ? random.pick(hamletIds) : null,
        joinedOn,
        poorHousehold: poor,
        nearPoorHousehold: !poor && random.chance(0.2),
        ethnicMinority: minority?.ethnicity ?? null,
        disability: random.chance(0.06),
        livesAlone: older && random.chance(0.12),
        needsHomeCare: needsCare,
        boardRole,
        homeCareVolunteer: volunteer,
      },
    });
  }
  return planned;
}

function inWindow(window: DateWindow, day: string): boolean {
  return (!window.before || day < window.before) && (!window.from || day >= window.from);
}

async function seedClub(db: EntityManager, clubId: string, profile: ClubProfile, window: DateWindow): Promise<void> {
  const random = randomFrom(profile.seed);
  const today = todayInVietnam();
  const currentMonth = today.slice(0, 7);
  const months = [6, 5, 4, 3, 2, 1].map((back) => addMonths(firstDayOf(currentMonth), -back).slice(0, 7));
  const thisYear = Number(today.slice(0, 4));
  if (inWindow(window, profile.foundedOn)) {
    await db.query('update club set founded_on = $2, status_since = $2 where id = $1', [clubId, profile.foundedOn]);
  }
  const hamlets: Array<{ id: string }> = await db.query(
    `select hamlet.id from admin_unit hamlet join club on club.id = $1 join admin_unit commune on commune.id = club.commune_id
      where hamlet.parent_id = commune.id and hamlet.level = 4 order by hamlet.sort_key`,
    [clubId],
  );

  // Members: about two thirds women and two thirds older people, as the standard asks. Those who
  // joined before the window were written with the part before it; they are found by name.
  const planned = planMembers(random, profile, months, thisYear, hamlets.map((hamlet) => hamlet.id));
  const existing: Array<{ id: string; full_name: string }> = await db.query('select id, full_name from member where club_id = $1', [clubId]);
  const idByName = new Map(existing.map((row) => [row.full_name, row.id]));
  const members: SeededMember[] = [];
  for (const plan of planned) {
    let id = idByName.get(plan.input.fullName);
    if (!id && inWindow(window, plan.input.joinedOn)) id = (await createMember(db, SEED_REQUEST, clubId, plan.input)).id;
    if (!id) continue;
    members.push({ id, older: plan.older, volunteer: plan.volunteer, needsCare: plan.needsCare, joinedOn: plan.input.joinedOn, leftOn: null, defaulter: false });
  }
  // The seed capital came with the founding; the months are the six before this one.
  if (inWindow(window, profile.foundedOn)) {
    await recordFundEntry(db, SEED_REQUEST, clubId, {
      fund: Fund.INCOME_GENERATION,
      kind: LedgerKind.SEED_CAPITAL,
      entryOn: profile.foundedOn,
      amount: profile.seedCapital.amount,
      description: profile.seedCapital.from,
      idempotencyKey: `seed-capital-${clubId}`,
    });
  }
  if (!months.every((month) => inWindow(window, firstDayOf(month)))) return;

  const careReceivers = members.filter((member) => member.needsCare);
  if (careReceivers.length < 3) {
    for (const member of members.filter((candidate) => candidate.older && !candidate.volunteer && !candidate.needsCare).slice(0, 3 - careReceivers.length)) {
      await db.query('update member set needs_home_care = true where id = $1', [member.id]);
      member.needsCare = true;
      careReceivers.push(member);
    }
  }
  const volunteers = members.filter((member) => member.volunteer);

  const borrowers = members.filter((member) => member.joinedOn === profile.foundedOn && member.id !== members[0].id);
  const defaulters = new Set([borrowers[3].id, borrowers[11].id, borrowers[17].id]);
  for (const member of members) member.defaulter = defaulters.has(member.id);
  const loansByMonth: Array<Array<{ member: SeededMember; principal: bigint }>> = [0, 5, 10, 14, 18, 21].map((start, index, starts) =>
    borrowers.slice(start, starts[index + 1] ?? 24).map((member) => ({ member, principal: BigInt(random.between(2, 5)) * 500_000n })),
  );
  // Approved loans wait until the fund can pay them, oldest first, as a treasurer would.
  const waiting: Array<{ id: string; principal: bigint }> = [];

  for (const [monthIndex, month] of months.entries()) {
    const heldOn = dayOf(month, profile.meetingDay);
    if (monthIndex === 1) {
      await recordFundEntry(db, SEED_REQUEST, clubId, {
        fund: Fund.INCOME_GENERATION,
        kind: LedgerKind.SEED_CAPITAL,
        entryOn: dayOf(month, 2),
        amount: profile.topUp.amount,
        description: profile.topUp.from,
        idempotencyKey: `seed-topup-${clubId}`,
      });
    }
    // The board approves this month's requests before the meeting pays them out.
    for (const { member, principal } of loansByMonth[monthIndex]) {
      const requested = await requestLoan(db, SEED_REQUEST, clubId, {
        memberId: member.id,
        principal,
        termMonths: 10,
        monthlyRate: '0.5',
        flatFee: null,
        purpose: random.pick(LOAN_PURPOSES),
        purposeNote: null,
        requestedOn: dayOf(month, 1),
      });
      const approved = await approveLoan(db, SEED_REQUEST, { id: requested.id, version: requested.version, decidedOn: dayOf(month, 3), reason: 'Ban chủ nhiệm thống nhất cho vay' });
      waiting.push({ id: approved.id, principal });
    }

    const onDay = members.filter((member) => member.joinedOn <= heldOn && (!member.leftOn || member.leftOn > heldOn));
    const attendees = onDay.filter((member) => !member.needsCare && random.chance(0.85));
    const running = await db.query(`select id from loan where club_id = $1 and status = 'DISBURSED'`, [clubId]);
    const loans = await findLoansByIds(db, running.map((row: { id: string }) => row.id));
    const standings = await standingsOf(db, loans, heldOn);
    const repayments = [];
    for (const loan of loans) {
      const borrower = members.find((member) => member.id === loan.memberId)!;
      if (borrower.defaulter && monthIndex >= 2) continue;
      const standing = standings.get(loan.id)!;
      if (standing.arrears <= 0n) continue;
      const schedule: Array<{ principal: string; interest: string }> = await db.query(
        `select principal::text as principal, interest::text as interest from loan_instalment
          where loan_id = $1 and schedule_version = $2 and number >= 1 and due_on <= $3 order by number`,
        [loan.id, loan.scheduleVersion, heldOn],
      );
      const duePrincipal = schedule.reduce((sum, row) => sum + BigInt(row.principal), 0n) - standing.principalRepaid;
      const dueInterest = schedule.reduce((sum, row) => sum + BigInt(row.interest), 0n) - standing.interestPaid;
      if (duePrincipal > 0n || dueInterest > 0n) {
        repayments.push({ loanId: loan.id, principal: duePrincipal > 0n ? duePrincipal : 0n, interest: dueInterest > 0n ? dueInterest : 0n });
      }
    }
    let available =
      (await fundBalance(db, clubId, Fund.INCOME_GENERATION)) + repayments.reduce((sum, repayment) => sum + repayment.principal + repayment.interest, 0n);
    const payNow: string[] = [];
    while (waiting.length && waiting[0].principal <= available && (monthIndex < months.length - 1 || payNow.length < 2)) {
      const next = waiting.shift()!;
      available -= next.principal;
      payNow.push(next.id);
    }
    await submitMeetingSheet(db, SEED_REQUEST, clubId, {
      heldOn,
      area: ActivityArea.SELF_HELP,
      title: `Sinh hoạt định kỳ tháng ${Number(month.slice(5))}/${month.slice(0, 4)}`,
      notes: 'Điểm danh, thu tiền góp quỹ hoạt động, thu nợ gốc và lãi, giải ngân các khoản vay đã được duyệt.',
      attendeeIds: attendees.map((member) => member.id),
      repayments,
      contributions: attendees.map((member) => ({ memberId: member.id, amount: profile.contribution, fund: Fund.ACTIVITY })),
      disbursements: payNow.map((loanId) => ({ loanId, firstDueOn: dayOf(addMonths(firstDayOf(month), 1).slice(0, 7), profile.meetingDay) })),
      idempotencyKey: `seed-meeting-${clubId}-${month}`,
    });

    // One more activity a month, rotating through the areas; and the volunteers' home visits.
    const rotation: Array<[ActivityArea, string]> = [
      [ActivityArea.HEALTH, 'Khám sức khỏe định kỳ và tập dưỡng sinh'],
      [ActivityArea.CULTURE, 'Giao lưu văn nghệ mừng ngày hội người cao tuổi'],
      [ActivityArea.LEARNING, 'Nói chuyện chuyên đề phòng chống đột quỵ ở người cao tuổi'],
      [ActivityArea.RIGHTS, 'Phổ biến chính sách trợ cấp xã hội và bảo hiểm y tế'],
      [ActivityArea.LIVELIHOOD, 'Tập huấn kỹ thuật chăn nuôi gà thả vườn'],
      [ActivityArea.RESOURCE_MOBILISATION, 'Vận động các nhà hảo tâm ủng hộ quỹ hoạt động'],
    ];
    const [area, title] = rotation[monthIndex % rotation.length];
    await createActivity(db, SEED_REQUEST, clubId, {
      heldOn: dayOf(month, profile.meetingDay + 8),
      area,
      monthlyMeeting: false,
      title,
      notes: null,
      attendeeIds: onDay.filter(() => random.chance(0.6)).map((member) => member.id),
      idempotencyKey: `seed-activity-${clubId}-${month}`,
    });
    for (const [index, receiver] of careReceivers.entries()) {
      for (const week of [1, 3]) {
        const day = dayOf(month, Math.min(28, week * 7 + index));
        if (receiver.joinedOn > day) continue;
        await recordHomeCareVisit(db, SEED_REQUEST, clubId, {
          volunteerId: volunteers[index % volunteers.length].id,
          memberId: receiver.id,
          visitedOn: day,
          kinds: week === 1 ? [HomeCareKind.HEALTH_CHECK, HomeCareKind.EMOTIONAL_SUPPORT] : [HomeCareKind.HOUSEWORK, HomeCareKind.PERSONAL_CARE],
          notes: null,
          idempotencyKey: `seed-visit-${receiver.id}-${day}`,
        });
      }
    }
    if (monthIndex === 3) {
      const borrowing = new Set(borrowers.slice(0, 24).map((borrower) => borrower.id));
      const leaver = members.find((member) => member.joinedOn === profile.foundedOn && !member.volunteer && member.id !== members[0].id && !borrowing.has(member.id));
      if (leaver) {
        const [row]: Array<{ version: number }> = await db.query('select version from member where id = $1', [leaver.id]);
        leaver.leftOn = dayOf(month, 25);
        await recordMemberLeft(db, SEED_REQUEST, { id: leaver.id, version: row.version, leftOn: leaver.leftOn, reason: 'Chuyển về sống với con ở tỉnh khác' });
      }
    }
  }

  // Reports: the first four months approved (the second after a return), the fifth waiting in
  // the province's queue, the last a draft. Each was sent a few days after its month and decided
  // a few days later; the history keeps those times.
  const staff = DEMO_ACCOUNTS.find((account) => account.club === profile.clubName);
  const accounts: Array<{ id: string; login: string }> = await db.query(
    `select id, login from app_user where login = $1 or (role = 'PROVINCE_ADMIN' and club_id is null) order by login`,
    [staff?.login ?? ''],
  );
  const submitterId = accounts.find((account) => account.login === staff?.login)?.id ?? null;
  const deciderId = accounts.find((account) => account.login !== staff?.login)?.id ?? null;
  const reports = months.map((month, monthIndex) => {
    const narrative = profile.narrative(month);
    const sendMonth = addMonths(firstDayOf(month), 1).slice(0, 7);
    const time = (day: number, hour: number) => `${dayOf(sendMonth, day)}T${String(hour).padStart(2, '0')}:00:00+07:00`;
    if (monthIndex === months.length - 1) {
      return { month, narrative, status: 'DRAFT' as const, steps: [], returnComment: null, writtenOn: dayOf(sendMonth, 1) };
    }
    const sentOn = monthIndex === 2 ? 8 : 3;
    const steps: Array<{ action: 'SUBMITTED' | 'APPROVED' | 'RETURNED'; at: string; comment: string | null }> = [{ action: 'SUBMITTED', at: time(sentOn, 9), comment: null }];
    let returnComment: string | null = null;
    if (monthIndex === 1) {
      returnComment = 'Đề nghị bổ sung số lượt thăm hỏi tại nhà và tình hình thu hồi nợ quá hạn.';
      steps.push({ action: 'RETURNED', at: time(5, 10), comment: returnComment });
      steps.push({ action: 'SUBMITTED', at: time(6, 15), comment: null });
    }
    if (monthIndex < 4) steps.push({ action: 'APPROVED', at: time(monthIndex === 1 ? 8 : sentOn + 3, 14), comment: null });
    const status = monthIndex < 4 ? ('APPROVED' as const) : ('SUBMITTED' as const);
    const fullNarrative = monthIndex === 1 ? `${narrative} Đã bổ sung số lượt chăm sóc tại nhà theo đề nghị.` : narrative;
    return { month, narrative: fullNarrative, status, steps, returnComment, writtenOn: dayOf(sendMonth, sentOn) };
  });
  await writeReports(db, reports.map((report) => ({ clubId, report })), { deciderId, submitterIds: new Map(submitterId ? [[clubId, submitterId]] : []) });
}
