import type { EntityManager } from 'typeorm';
import { dateOfCell, foldForMatching } from '../admin-units/admin-unit.csv.js';
import { todayInVietnam } from '../calendar.js';
import { createMember, updateMember, type CleanMember } from '../members/member.service.js';
import { BoardRole, Sex } from '../members/member.types.js';
import type { FileRow } from './import-file.js';
import type { CheckedRow, ImportChange, ImportHandler } from './import-kind.js';

/** A member row as checked: the fields the member service takes. */
export type MemberFields = CleanMember;

const SEX: Record<string, Sex> = { nu: Sex.FEMALE, female: Sex.FEMALE, nam: Sex.MALE, male: Sex.MALE };
const BOARD: Record<string, BoardRole> = {
  'chu nhiem': BoardRole.HEAD, head: BoardRole.HEAD,
  'pho chu nhiem': BoardRole.DEPUTY, deputy: BoardRole.DEPUTY,
  'thu quy': BoardRole.TREASURER, treasurer: BoardRole.TREASURER,
  'thu ky': BoardRole.SECRETARY, secretary: BoardRole.SECRETARY,
};
const SEX_TEXT: Record<Sex, string> = { [Sex.FEMALE]: 'Nữ', [Sex.MALE]: 'Nam' };
const BOARD_TEXT: Record<BoardRole, string> = {
  [BoardRole.HEAD]: 'Chủ nhiệm', [BoardRole.DEPUTY]: 'Phó chủ nhiệm', [BoardRole.TREASURER]: 'Thủ quỹ', [BoardRole.SECRETARY]: 'Thư ký',
};
const YES = new Set(['co', 'x', 'yes', 'true', '1']);
const NO = new Set(['', 'khong', 'no', 'false', '0']);

interface ExistingMember extends MemberFields {
  id: string;
  clubId: string;
  clubName: string;
}

/**
 * Checks the rows of a members file against the province's records: what each row would do (a new
 * member, an update of the same club's member it matches by citizen ID or by name and birth year,
 * nothing), what it would change, and what is wrong, each problem naming its column in Vietnamese.
 */
export async function checkMemberRows(db: EntityManager, rows: FileRow[], fixedClubId: string | null): Promise<Array<CheckedRow<MemberFields>>> {
  const clubs: Array<{ id: string; name: string; commune_id: string }> = await db.query('select id, name, commune_id from club');
  const clubByName = new Map(clubs.map((club) => [foldForMatching(club.name), club]));
  const hamlets: Array<{ id: string; code: string | null; name: string; parent_id: string }> = await db.query(
    `select id, code, name, parent_id from admin_unit where level = 4 and valid_to is null`,
  );
  const existing: ExistingMember[] = (
    await db.query(
      `select member.id, member.club_id, club.name as club_name, member.full_name, member.sex, member.birth_year, member.citizen_id,
              member.phone, member.hamlet_id, member.joined_on::text as joined_on, member.poor_household, member.near_poor_household,
              member.ethnic_minority, member.disability, member.lives_alone, member.needs_home_care, member.board_role,
              member.home_care_volunteer
         from member join club on club.tenant_id = member.tenant_id and club.id = member.club_id
        where member.left_on is null`,
    )
  ).map((row: Record<string, any>) => ({
    id: row.id, clubId: row.club_id, clubName: row.club_name, fullName: row.full_name, sex: row.sex, birthYear: Number(row.birth_year),
    citizenId: row.citizen_id, phone: row.phone, hamletId: row.hamlet_id, joinedOn: row.joined_on, poorHousehold: row.poor_household,
    nearPoorHousehold: row.near_poor_household, ethnicMinority: row.ethnic_minority, disability: row.disability, livesAlone: row.lives_alone,
    needsHomeCare: row.needs_home_care, boardRole: row.board_role, homeCareVolunteer: row.home_care_volunteer,
  }));
  const byCitizenId = new Map(existing.filter((member) => member.citizenId).map((member) => [member.citizenId!, member]));
  const byNameYear = new Map<string, ExistingMember[]>();
  for (const member of existing) {
    const key = `${foldForMatching(member.fullName)}|${member.birthYear}`;
    byNameYear.set(key, [...(byNameYear.get(key) ?? []), member]);
  }
  const citizenIdsInFile = new Map<string, number>();
  const today = todayInVietnam();
  const hamletName = new Map(hamlets.map((unit) => [unit.id, unit.name]));

  return rows.map((row): CheckedRow<MemberFields> => {
    const problems: CheckedRow['problems'] = [];
    const warnings: CheckedRow['warnings'] = [];
    const value = (field: string) => row.values[field] ?? '';
    const flag = (field: string, column: string): boolean => {
      const folded = foldForMatching(value(field));
      if (YES.has(folded)) return true;
      if (!NO.has(folded)) problems.push({ column, message: `ghi "Có" hoặc để trống, không phải "${value(field)}"` });
      return false;
    };

    let clubId = fixedClubId;
    if (!clubId) {
      const club = value('club') ? clubByName.get(foldForMatching(value('club'))) : undefined;
      if (!value('club')) problems.push({ column: 'Câu lạc bộ', message: 'chưa ghi câu lạc bộ' });
      else if (!club) problems.push({ column: 'Câu lạc bộ', message: `không có câu lạc bộ "${value('club')}" trong tỉnh` });
      clubId = club?.id ?? null;
    }
    const fullName = value('fullName').replace(/\s+/g, ' ');
    if (!fullName) problems.push({ column: 'Họ và tên', message: 'chưa ghi họ tên' });
    else if (fullName.length > 200) problems.push({ column: 'Họ và tên', message: 'dài quá 200 ký tự' });
    const sex = SEX[foldForMatching(value('sex'))];
    if (!sex) problems.push({ column: 'Giới tính', message: value('sex') ? `ghi "Nữ" hoặc "Nam", không phải "${value('sex')}"` : 'chưa ghi giới tính' });
    const birthYear = /^\d{4}$/.test(value('birthYear')) ? Number(value('birthYear')) : NaN;
    if (!(birthYear >= 1900 && birthYear <= Number(today.slice(0, 4)))) {
      problems.push({ column: 'Năm sinh', message: value('birthYear') ? `"${value('birthYear')}" không phải năm sinh hợp lệ` : 'chưa ghi năm sinh' });
    }
    const citizenId = value('citizenId').replace(/[\s.]/g, '') || null;
    if (citizenId && !/^\d{12}$/.test(citizenId)) problems.push({ column: 'Số CCCD', message: `số CCCD phải gồm đúng 12 chữ số ("${value('citizenId')}" có ${citizenId.replace(/\D/g, '').length})` });
    const joinedOn = dateOfCell(value('joinedOn'));
    if (!value('joinedOn')) problems.push({ column: 'Ngày vào câu lạc bộ', message: 'chưa ghi ngày vào câu lạc bộ' });
    else if (!joinedOn) problems.push({ column: 'Ngày vào câu lạc bộ', message: `"${value('joinedOn')}" không phải ngày dạng dd/mm/yyyy` });
    else if (joinedOn > today) problems.push({ column: 'Ngày vào câu lạc bộ', message: 'là ngày trong tương lai' });
    const household = foldForMatching(value('householdCategory'));
    const poorHousehold = household === 'ho ngheo' || household === 'ngheo' || household === 'poor';
    const nearPoorHousehold = household === 'ho can ngheo' || household === 'can ngheo' || household === 'near poor';
    if (household && !poorHousehold && !nearPoorHousehold) problems.push({ column: 'Hộ nghèo, cận nghèo', message: `ghi "Hộ nghèo", "Hộ cận nghèo" hoặc để trống, không phải "${value('householdCategory')}"` });
    const boardText = foldForMatching(value('boardRole'));
    const boardRole = boardText ? (BOARD[boardText] ?? null) : null;
    if (boardText && !boardRole) problems.push({ column: 'Chức vụ trong ban chủ nhiệm', message: `không có chức vụ "${value('boardRole')}"` });
    const phone = value('phone') || null;
    if (phone && !/^[0-9+][0-9 .-]{7,19}$/.test(phone)) problems.push({ column: 'Số điện thoại', message: `"${phone}" không phải số điện thoại` });
    let hamletId: string | null = null;
    if (value('hamlet')) {
      const commune = clubs.find((club) => club.id === clubId)?.commune_id;
      const folded = foldForMatching(value('hamlet'));
      const hamlet = hamlets.find((unit) => (!commune || unit.parent_id === commune) && (unit.code === value('hamlet') || foldForMatching(unit.name) === folded));
      if (!hamlet) problems.push({ column: 'Ấp, thôn, khu phố', message: `không có ấp, thôn "${value('hamlet')}" ở xã của câu lạc bộ` });
      hamletId = hamlet?.id ?? null;
    }
    const fields: MemberFields = {
      fullName, sex, birthYear, citizenId, phone, hamletId, joinedOn: joinedOn ?? '', poorHousehold, nearPoorHousehold,
      ethnicMinority: value('ethnicMinority') || null,
      disability: flag('disability', 'Khuyết tật'),
      livesAlone: flag('livesAlone', 'Sống một mình'),
      needsHomeCare: flag('needsHomeCare', 'Cần chăm sóc tại nhà'),
      boardRole,
      homeCareVolunteer: flag('homeCareVolunteer', 'Tình nguyện viên chăm sóc tại nhà'),
    };

    // Who the row is: the same citizen ID twice in the file, or held by another club's member, is wrong.
    let match: ExistingMember | undefined;
    if (citizenId && /^\d{12}$/.test(citizenId)) {
      const earlier = citizenIdsInFile.get(citizenId);
      if (earlier) problems.push({ column: 'Số CCCD', message: `trùng số CCCD với dòng ${earlier} của tệp` });
      else citizenIdsInFile.set(citizenId, row.rowNumber);
      const holder = byCitizenId.get(citizenId);
      if (holder && holder.clubId !== clubId) problems.push({ column: 'Số CCCD', message: `số CCCD đã thuộc hội viên ${holder.fullName} của ${holder.clubName}` });
      else if (holder) match = holder;
    }
    if (!match && fullName && birthYear) {
      const namesakes = byNameYear.get(`${foldForMatching(fullName)}|${birthYear}`) ?? [];
      match = namesakes.find((member) => member.clubId === clubId && (!citizenId || !member.citizenId));
      for (const other of namesakes.filter((member) => member !== match && member.clubId !== clubId)) {
        warnings.push({ message: `có thể trùng với hội viên ${other.fullName} (${other.birthYear}) của ${other.clubName}`, memberId: other.id });
      }
    }
    const checked = { rowNumber: row.rowNumber, clubId, label: fullName, fields, problems, warnings };
    if (problems.length) return { ...checked, action: 'PROBLEM', targetId: match?.id ?? null, changes: [] };
    if (!match) return { ...checked, action: 'NEW', targetId: null, changes: [] };
    const changes = changesOf(match, fields, hamletName);
    return { ...checked, action: changes.length ? 'UPDATE' : 'UNCHANGED', targetId: match.id, changes };
  });
}

/** What a row changes of the member it matches, each by its template header, in the words people read. */
function changesOf(member: MemberFields, fields: MemberFields, hamletName: Map<string, string>): ImportChange[] {
  const yesNo = (value: boolean) => (value ? 'Có' : 'Không');
  const household = (value: MemberFields) => (value.poorHousehold ? 'Hộ nghèo' : value.nearPoorHousehold ? 'Hộ cận nghèo' : null);
  const day = (value: string) => (value ? value.split('-').reverse().join('/') : null);
  const shown: Array<[string, string, (value: MemberFields) => string | null]> = [
    ['fullName', 'Họ và tên', (value) => value.fullName],
    ['sex', 'Giới tính', (value) => SEX_TEXT[value.sex] ?? null],
    ['birthYear', 'Năm sinh', (value) => String(value.birthYear)],
    ['citizenId', 'Số CCCD', (value) => value.citizenId],
    ['hamlet', 'Ấp, thôn, khu phố', (value) => (value.hamletId ? (hamletName.get(value.hamletId) ?? null) : null)],
    ['joinedOn', 'Ngày vào câu lạc bộ', (value) => day(value.joinedOn)],
    ['householdCategory', 'Hộ nghèo, cận nghèo', household],
    ['ethnicMinority', 'Dân tộc thiểu số', (value) => value.ethnicMinority],
    ['disability', 'Khuyết tật', (value) => yesNo(value.disability)],
    ['livesAlone', 'Sống một mình', (value) => yesNo(value.livesAlone)],
    ['needsHomeCare', 'Cần chăm sóc tại nhà', (value) => yesNo(value.needsHomeCare)],
    ['homeCareVolunteer', 'Tình nguyện viên chăm sóc tại nhà', (value) => yesNo(value.homeCareVolunteer)],
    ['boardRole', 'Chức vụ trong ban chủ nhiệm', (value) => (value.boardRole ? BOARD_TEXT[value.boardRole] : null)],
    ['phone', 'Số điện thoại', (value) => value.phone],
  ];
  return shown
    .map(([field, column, text]) => ({ field, column, from: text(member), to: text(fields) }))
    .filter((change) => change.from !== change.to);
}

/**
 * Members: each new row is added and each changed one updated through the member service, so its
 * rules, live figures and audit hold for imported members as for typed ones.
 */
export const memberImport: ImportHandler<MemberFields> = {
  kind: 'members',
  check: (db, rows, target) => checkMemberRows(db, rows, target.clubId),
  async apply(db, requestId, rows) {
    for (const row of rows) {
      if (row.action === 'NEW') {
        await createMember(db, requestId, row.clubId!, row.fields);
      } else {
        const [current]: Array<{ version: number }> = await db.query('select version from member where id = $1', [row.targetId]);
        await updateMember(db, requestId, { ...row.fields, id: row.targetId!, version: current.version });
      }
    }
  },
};
