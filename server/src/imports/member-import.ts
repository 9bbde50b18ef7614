import type { EntityManager } from 'typeorm';
import { dateOfCell, foldForMatching } from '../admin-units/admin-unit.csv.js';
import { todayInVietnam } from '../calendar.js';
import { addImportedMembers, updateMember, type CleanMember } from '../members/member.service.js';
import { BoardRole, Sex } from '../members/member.types.js';
import type { FileRow } from './import-file.js';
import type { CheckedRow, ImportChange, ImportHandler } from './import-kind.js';

/** A member row as checked: the fields the member service takes, and for an update the version seen. */
export type MemberFields = CleanMember & { version?: number };

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
  version: number;
}

/** A possible duplicate of the province, as `ishc.member_duplicates` finds it for club staff. */
interface ProvinceMatch {
  id: string;
  clubId: string;
  clubName: string;
  fullName: string;
  birthYear: number;
  citizenId: string | null;
}

/** The board seats one member holds at a time (a club may have several deputies). */
const SINGLE_SEATS = new Set<BoardRole>([BoardRole.HEAD, BoardRole.TREASURER, BoardRole.SECRETARY]);

/**
 * Checks the rows of a members file against the province's records: what each row would do (a new
 * member, an update of the same club's member it matches by citizen ID or by name and birth year,
 * nothing), what it would change, and what is wrong, each problem naming its column in Vietnamese.
 * Every rule the member service applies is checked here, so a preview without problems commits.
 */
export async function checkMemberRows(db: EntityManager, rows: FileRow[], fixedClubId: string | null): Promise<Array<CheckedRow<MemberFields>>> {
  const clubs: Array<{ id: string; name: string; commune_id: string }> = await db.query('select id, name, commune_id from club');
  const clubByName = new Map(clubs.map((club) => [foldForMatching(club.name), club]));
  const communeOfClub = new Map(clubs.map((club) => [club.id, club.commune_id]));
  const hamlets: Array<{ id: string; code: string | null; name: string; parent_id: string }> = await db.query(
    `select id, code, name, parent_id from admin_unit where level = 4 and valid_to is null`,
  );
  // A commune's hamlets by code and by name as compared, so each row finds its hamlet at once.
  const hamletsByCommune = new Map<string, Map<string, string>>();
  for (const unit of hamlets) {
    const known = hamletsByCommune.get(unit.parent_id) ?? new Map<string, string>();
    if (unit.code) known.set(unit.code, unit.id);
    known.set(foldForMatching(unit.name), unit.id);
    hamletsByCommune.set(unit.parent_id, known);
  }
  const existing: ExistingMember[] = (
    await db.query(
      `select member.id, member.club_id, club.name as club_name, member.full_name, member.sex, member.birth_year, member.citizen_id,
              member.phone, member.hamlet_id, member.joined_on::text as joined_on, member.poor_household, member.near_poor_household,
              member.ethnic_minority, member.disability, member.lives_alone, member.needs_home_care, member.board_role,
              member.home_care_volunteer, member.version
         from member join club on club.tenant_id = member.tenant_id and club.id = member.club_id
        where member.left_on is null`,
    )
  ).map((row: Record<string, any>) => ({
    id: row.id, clubId: row.club_id, clubName: row.club_name, fullName: row.full_name, sex: row.sex, birthYear: Number(row.birth_year),
    citizenId: row.citizen_id, phone: row.phone, hamletId: row.hamlet_id, joinedOn: row.joined_on, poorHousehold: row.poor_household,
    nearPoorHousehold: row.near_poor_household, ethnicMinority: row.ethnic_minority, disability: row.disability, livesAlone: row.lives_alone,
    needsHomeCare: row.needs_home_care, boardRole: row.board_role, homeCareVolunteer: row.home_care_volunteer, version: row.version,
  }));
  const byCitizenId = new Map(existing.filter((member) => member.citizenId).map((member) => [member.citizenId!, member]));
  const byNameYear = new Map<string, ExistingMember[]>();
  for (const member of existing) {
    const key = `${foldForMatching(member.fullName)}|${member.birthYear}`;
    byNameYear.set(key, [...(byNameYear.get(key) ?? []), member]);
  }
  const seatHolders = new Map(existing.filter((member) => member.boardRole && SINGLE_SEATS.has(member.boardRole)).map((member) => [`${member.clubId}|${member.boardRole}`, member]));
  // Club staff see their own club's members only: the province's other members they may match are
  // looked up one row at a time, as the member form does.
  const [{ club_scope: clubScope }]: Array<{ club_scope: boolean }> = await db.query('select ishc.current_club_id() is not null as club_scope');
  const provinceMatches = async (citizenId: string | null, fullName: string, birthYear: number): Promise<ProvinceMatch[]> => {
    if (!clubScope || (!citizenId && !(fullName && birthYear))) return [];
    const found: Array<Record<string, any>> = await db.query('select * from ishc.member_duplicates($1, $2, $3, null)', [citizenId, fullName, birthYear || null]);
    return found
      .filter((other) => other.club_id !== fixedClubId)
      .map((other) => ({
        id: other.member_id, clubId: other.club_id, clubName: other.club_name, fullName: other.full_name, birthYear: Number(other.birth_year),
        citizenId: other.matched_by === 'CITIZEN_ID' ? citizenId : null,
      }));
  };
  const citizenIdsInFile = new Map<string, number>();
  // Each member is matched by one row at most: two namesakes of a club are two rows, two members.
  const matched = new Set<string>();
  // Members the file names by citizen ID are theirs: a namesake row without one does not take them.
  const namedByCitizenId = new Set(
    rows.map((row) => byCitizenId.get((row.values.citizenId ?? '').replace(/[\s.]/g, ''))?.id).filter((id): id is string => Boolean(id)),
  );
  const namesakesInFile = new Map<string, Array<{ rowNumber: number; clubId: string | null; citizenId: string | null }>>();
  const seatsInFile = new Map<string, number>();
  const today = todayInVietnam();
  const thisYear = Number(today.slice(0, 4));
  const hamletName = new Map(hamlets.map((unit) => [unit.id, unit.name]));

  const checked: Array<CheckedRow<MemberFields>> = [];
  for (const row of rows) {
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
    if (!value('birthYear')) problems.push({ column: 'Năm sinh', message: 'chưa ghi năm sinh' });
    else if (!(birthYear >= thisYear - 120 && birthYear <= thisYear)) {
      problems.push({ column: 'Năm sinh', message: birthYear > thisYear ? `năm ${birthYear} là năm trong tương lai` : `"${value('birthYear')}" không phải năm sinh hợp lệ` });
    }
    const citizenId = value('citizenId').replace(/[\s.]/g, '') || null;
    if (citizenId && !/^\d{12}$/.test(citizenId)) problems.push({ column: 'Số CCCD', message: `số CCCD phải gồm đúng 12 chữ số ("${value('citizenId')}" có ${citizenId.replace(/\D/g, '').length})` });
    const joinedOn = dateOfCell(value('joinedOn'));
    if (!value('joinedOn')) problems.push({ column: 'Ngày vào câu lạc bộ', message: 'chưa ghi ngày vào câu lạc bộ' });
    else if (!joinedOn) problems.push({ column: 'Ngày vào câu lạc bộ', message: `"${value('joinedOn')}" không phải ngày dạng dd/mm/yyyy` });
    else if (joinedOn > today) problems.push({ column: 'Ngày vào câu lạc bộ', message: 'là ngày trong tương lai' });
    else if (birthYear && joinedOn < `${birthYear}-01-01`) problems.push({ column: 'Ngày vào câu lạc bộ', message: 'là ngày trước năm sinh' });
    const household = foldForMatching(value('householdCategory'));
    const poorHousehold = household === 'ho ngheo' || household === 'ngheo' || household === 'poor';
    const nearPoorHousehold = household === 'ho can ngheo' || household === 'can ngheo' || household === 'near poor';
    if (household && !poorHousehold && !nearPoorHousehold) problems.push({ column: 'Hộ nghèo, cận nghèo', message: `ghi "Hộ nghèo", "Hộ cận nghèo" hoặc để trống, không phải "${value('householdCategory')}"` });
    const boardText = foldForMatching(value('boardRole'));
    const boardRole = boardText ? (BOARD[boardText] ?? null) : null;
    if (boardText && !boardRole) problems.push({ column: 'Chức vụ trong ban chủ nhiệm', message: `không có chức vụ "${value('boardRole')}"` });
    const phone = value('phone') || null;
    if (phone && !/^[0-9+][0-9 .-]{7,19}$/.test(phone)) problems.push({ column: 'Số điện thoại', message: `"${phone}" không phải số điện thoại` });
    const ethnicMinority = value('ethnicMinority').replace(/\s+/g, ' ') || null;
    if (ethnicMinority && ethnicMinority.length > 100) problems.push({ column: 'Dân tộc thiểu số', message: 'dài quá 100 ký tự' });
    let hamletId: string | null = null;
    if (value('hamlet')) {
      const commune = clubId ? communeOfClub.get(clubId) : undefined;
      const known = commune ? hamletsByCommune.get(commune) : undefined;
      hamletId = known?.get(value('hamlet')) ?? known?.get(foldForMatching(value('hamlet'))) ?? null;
      if (!hamletId && clubId) problems.push({ column: 'Ấp, thôn, khu phố', message: `không có ấp, thôn "${value('hamlet')}" ở xã của câu lạc bộ` });
    }
    const fields: MemberFields = {
      fullName, sex, birthYear, citizenId, phone, hamletId, joinedOn: joinedOn ?? '', poorHousehold, nearPoorHousehold, ethnicMinority,
      disability: flag('disability', 'Khuyết tật'),
      livesAlone: flag('livesAlone', 'Sống một mình'),
      needsHomeCare: flag('needsHomeCare', 'Cần chăm sóc tại nhà'),
      boardRole,
      homeCareVolunteer: flag('homeCareVolunteer', 'Tình nguyện viên chăm sóc tại nhà'),
    };

    // Who the row is: the same citizen ID twice in the file, or held by another club's member, is wrong.
    const elsewhere = await provinceMatches(citizenId && /^\d{12}$/.test(citizenId) ? citizenId : null, fullName, birthYear);
    let match: ExistingMember | undefined;
    if (citizenId && /^\d{12}$/.test(citizenId)) {
      const earlier = citizenIdsInFile.get(citizenId);
      if (earlier) problems.push({ column: 'Số CCCD', message: `trùng số CCCD với dòng ${earlier} của tệp` });
      else citizenIdsInFile.set(citizenId, row.rowNumber);
      const holder = byCitizenId.get(citizenId);
      const heldElsewhere = holder && holder.clubId !== clubId ? holder : elsewhere.find((other) => other.citizenId === citizenId);
      if (heldElsewhere) problems.push({ column: 'Số CCCD', message: `số CCCD đã thuộc thành viên ${heldElsewhere.fullName} của ${heldElsewhere.clubName}` });
      else if (holder && !matched.has(holder.id)) match = holder;
    }
    if (!match && fullName && birthYear) {
      const key = `${foldForMatching(fullName)}|${birthYear}`;
      const namesakes = byNameYear.get(key) ?? [];
      match = namesakes.find(
        (member) => member.clubId === clubId && !matched.has(member.id) && !namedByCitizenId.has(member.id) && (!citizenId || !member.citizenId),
      );
      const others: ProvinceMatch[] = [
        // Two people with two citizen IDs are two people, whatever their names.
        ...namesakes.filter((member) => member !== match && member.clubId !== clubId && !(citizenId && member.citizenId)),
        ...elsewhere.filter((other) => !other.citizenId),
      ];
      for (const other of others) {
        warnings.push({ message: `có thể trùng với thành viên ${other.fullName} (${other.birthYear}) của ${other.clubName}`, memberId: other.id });
      }
      // Namesakes in the file's other clubs may be one person entered twice.
      const earlier = namesakesInFile.get(key) ?? [];
      for (const other of earlier.filter((namesake) => namesake.clubId !== clubId && !(citizenId && namesake.citizenId))) {
        warnings.push({ message: `có thể trùng với người ở dòng ${other.rowNumber} của tệp (cùng họ tên, năm sinh, khác câu lạc bộ)`, memberId: null });
      }
      namesakesInFile.set(key, [...earlier, { rowNumber: row.rowNumber, clubId, citizenId }]);
    }
    if (match) matched.add(match.id);
    // One head, one treasurer, one secretary a club: not two in the file, nor one beside a member holding it.
    if (boardRole && SINGLE_SEATS.has(boardRole) && clubId) {
      const seat = `${clubId}|${boardRole}`;
      const earlier = seatsInFile.get(seat);
      const holder = seatHolders.get(seat);
      if (earlier) problems.push({ column: 'Chức vụ trong ban chủ nhiệm', message: `${BOARD_TEXT[boardRole]} đã ghi ở dòng ${earlier} cho cùng câu lạc bộ` });
      else if (holder && holder.id !== match?.id) problems.push({ column: 'Chức vụ trong ban chủ nhiệm', message: `${BOARD_TEXT[boardRole]} của câu lạc bộ là ${holder.fullName}; ghi chức vụ khác hoặc để trống` });
      seatsInFile.set(seat, earlier ?? row.rowNumber);
    }
    const base = { rowNumber: row.rowNumber, clubId, label: fullName, fields, problems, warnings };
    if (problems.length) checked.push({ ...base, action: 'PROBLEM', targetId: match?.id ?? null, changes: [] });
    else if (!match) checked.push({ ...base, action: 'NEW', targetId: null, changes: [] });
    else {
      // A blank citizen ID or phone is not known to the file, not gone: the member keeps theirs.
      const kept = { ...fields, citizenId: fields.citizenId ?? match.citizenId, phone: fields.phone ?? match.phone };
      const changes = changesOf(match, kept, hamletName);
      // The version seen: a member changed between the preview and the commit is a conflict, not overwritten.
      checked.push({ ...base, fields: { ...kept, version: match.version }, action: changes.length ? 'UPDATE' : 'UNCHANGED', targetId: match.id, changes });
    }
  }
  return checked;
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
 * Members: new rows are added together and each changed one is updated through the member service
 * (a member changed since the preview is a conflict), so the service's live figures and audit hold
 * for imported members as for typed ones.
 */
export const memberImport: ImportHandler<MemberFields> = {
  kind: 'members',
  check: (db, rows, target) => checkMemberRows(db, rows, target.clubId),
  async apply(db, requestId, rows) {
    await addImportedMembers(
      db,
      requestId,
      rows.filter((row) => row.action === 'NEW').map((row) => ({ clubId: row.clubId!, member: row.fields })),
    );
    for (const row of rows.filter((changed) => changed.action === 'UPDATE')) {
      const { version, ...fields } = row.fields;
      await updateMember(db, requestId, { ...fields, id: row.targetId!, version: version! });
    }
  },
};
