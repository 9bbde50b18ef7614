import type { EntityManager } from 'typeorm';
import { fullNameOf as unitFullName, type AdminUnitKind } from '../admin-units/admin-unit-kind.js';
import { dateOfCell, foldForMatching } from '../admin-units/admin-unit.csv.js';
import { todayInVietnam } from '../calendar.js';
import { ClubStatus } from '../clubs/club.entity.js';
import { ALLOWED_MOVES, changeClubStatus, createClub, findClubsByIds, updateClub } from '../clubs/club.service.js';
import { assignBoardSeat } from '../members/member.service.js';
import { BoardRole } from '../members/member.types.js';
import { normalizeText } from '../text.js';
import type { FileRow } from './import-file.js';
import type { CheckedRow, ImportChange, ImportHandler } from './import-kind.js';

/** A club row as checked: what the club service takes, with the status's day and the board seats to give. */
export interface ClubFields {
  name: string;
  communeId: string;
  hamletId: string | null;
  foundedOn: string | null;
  status: ClubStatus;
  /** The day a status other than the one the club is created in, or has, takes effect. */
  statusOn: string;
  /** Members of the club the file names to the board, in the file's order. */
  board: Array<{ memberId: string; role: BoardRole }>;
}

const STATUS: Record<string, ClubStatus> = {
  'dang hoat dong': ClubStatus.ACTIVE, 'hoat dong': ClubStatus.ACTIVE, active: ClubStatus.ACTIVE,
  'tam ngung': ClubStatus.SUSPENDED, 'tam ngung hoat dong': ClubStatus.SUSPENDED, 'tam dung': ClubStatus.SUSPENDED, suspended: ClubStatus.SUSPENDED,
  'giai the': ClubStatus.DISSOLVED, 'da giai the': ClubStatus.DISSOLVED, dissolved: ClubStatus.DISSOLVED,
  'du kien': ClubStatus.PLANNED, 'du kien thanh lap': ClubStatus.PLANNED, planned: ClubStatus.PLANNED,
};
const STATUS_TEXT: Record<ClubStatus, string> = {
  [ClubStatus.PLANNED]: 'Dự kiến', [ClubStatus.ACTIVE]: 'Đang hoạt động', [ClubStatus.SUSPENDED]: 'Tạm ngừng', [ClubStatus.DISSOLVED]: 'Giải thể',
};
/** The reason kept with a status the file gives (suspending and dissolving need one). */
const STATUS_REASON = 'Tình trạng ghi trong tệp danh sách câu lạc bộ nhập vào hệ thống';

/** The board seats the file names, by column. */
const SEATS: Array<{ field: 'head' | 'treasurer'; column: string; role: BoardRole; title: string }> = [
  { field: 'head', column: 'Chủ nhiệm', role: BoardRole.HEAD, title: 'Chủ nhiệm' },
  { field: 'treasurer', column: 'Thủ quỹ', role: BoardRole.TREASURER, title: 'Thủ quỹ' },
];
const BOARD_TEXT: Record<BoardRole, string> = {
  [BoardRole.HEAD]: 'Chủ nhiệm', [BoardRole.DEPUTY]: 'Phó chủ nhiệm', [BoardRole.TREASURER]: 'Thủ quỹ', [BoardRole.SECRETARY]: 'Thư ký',
};

interface UnitRow {
  id: string;
  code: string | null;
  name: string;
  kind: AdminUnitKind;
  level: number;
  parent_id: string | null;
  parent_name: string | null;
  parent_kind: AdminUnitKind | null;
  valid_to: string | null;
}

interface ExistingClub {
  id: string;
  commune_id: string;
  name: string;
  hamlet_id: string | null;
  founded_on: string | null;
  status: ClubStatus;
  status_since: string | null;
  open_loans: number;
}

interface BoardMember {
  id: string;
  club_id: string;
  full_name: string;
  board_role: BoardRole | null;
}

const day = (value: string | null) => (value ? value.split('-').reverse().join('/') : null);
const fullNameOf = (unit: { name: string; kind: AdminUnitKind }) => unitFullName(unit.kind, unit.name);

/**
 * Whether a cell names a unit: by its statistics code (a spreadsheet may have dropped the leading
 * zero) or by its name, with or without its kind ("Kiên Bình", "xa kien binh"), accents and case ignored.
 */
function namesUnit(unit: UnitRow, cell: string): boolean {
  if (unit.code && /^\d+$/.test(cell) && Number(unit.code) === Number(cell)) return true;
  const folded = foldForMatching(cell);
  return folded === foldForMatching(unit.name) || folded === foldForMatching(fullNameOf(unit));
}

/** Units told apart for a person choosing between them: name, code if any, and the unit above. */
function unitsListed(units: UnitRow[]): string {
  return units
    .map((unit) => {
      const details = [unit.code ? `mã ${unit.code}` : null, unit.parent_name ? fullNameOf({ name: unit.parent_name, kind: unit.parent_kind! }) : null];
      return `${fullNameOf(unit)} (${details.filter(Boolean).join(', ')})`;
    })
    .join('; ');
}

/**
 * Checks the rows of a clubs file against the province's records: each row is a new club, an
 * update of the club of the same commune and name, or nothing; every rule the club service holds
 * (a commune in force, a hamlet of that commune, a founding day not in the future, the moves a
 * status may make) is a problem naming its column, so a commit never fails on a row the preview passed.
 */
export async function checkClubRows(db: EntityManager, rows: FileRow[]): Promise<Array<CheckedRow<ClubFields>>> {
  const units: UnitRow[] = await db.query(
    `select unit.id, unit.code, unit.name, unit.kind, unit.level, unit.parent_id, parent.name as parent_name, parent.kind as parent_kind,
            unit.valid_to::text as valid_to
       from admin_unit unit left join admin_unit parent on parent.tenant_id = unit.tenant_id and parent.id = unit.parent_id
      where unit.level in (3, 4)`,
  );
  const communes = units.filter((unit) => unit.level === 3);
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const existing: ExistingClub[] = await db.query(
    `select club.id, club.commune_id, club.name, club.hamlet_id, club.founded_on::text as founded_on, club.status,
            club.status_since::text as status_since,
            (select count(*)::int from loan where loan.tenant_id = club.tenant_id and loan.club_id = club.id
                and loan.status in ('APPROVED', 'DISBURSED')) as open_loans
       from club`,
  );
  const clubsByKey = new Map<string, ExistingClub[]>();
  for (const club of existing) {
    const key = `${club.commune_id}|${foldForMatching(club.name)}`;
    clubsByKey.set(key, [...(clubsByKey.get(key) ?? []), club]);
  }
  const members: BoardMember[] = await db.query('select id, club_id, full_name, board_role from member where left_on is null');
  const membersByClub = new Map<string, BoardMember[]>();
  for (const member of members) membersByClub.set(member.club_id, [...(membersByClub.get(member.club_id) ?? []), member]);
  const rowOfClub = new Map<string, number>();
  const today = todayInVietnam();

  return rows.map((row): CheckedRow<ClubFields> => {
    const problems: CheckedRow['problems'] = [];
    const warnings: CheckedRow['warnings'] = [];
    // A column the file leaves out is undefined: for a club already on record it keeps what is recorded.
    const cell = (field: string): string | undefined => row.values[field];
    const value = (field: string) => cell(field) ?? '';

    const name = normalizeText(value('name'));
    if (!name) problems.push({ column: 'Tên câu lạc bộ', message: 'chưa ghi tên câu lạc bộ' });
    else if (name.length > 200) problems.push({ column: 'Tên câu lạc bộ', message: 'dài quá 200 ký tự' });

    let commune: UnitRow | undefined;
    if (!value('commune')) {
      problems.push({ column: 'Xã, phường', message: 'chưa ghi xã, phường' });
    } else {
      const named = communes.filter((unit) => namesUnit(unit, value('commune')));
      const inForce = named.filter((unit) => !unit.valid_to);
      if (inForce.length === 1) commune = inForce[0];
      else if (inForce.length > 1) {
        problems.push({ column: 'Xã, phường', message: `"${value('commune')}" là tên của ${inForce.length} đơn vị: ${unitsListed(inForce)}; ghi mã đơn vị để chọn đúng` });
      } else if (named.length) {
        problems.push({
          column: 'Xã, phường',
          message: `${fullNameOf(named[0])} đã thôi hiệu lực từ ${day(named[0].valid_to)} (sáp nhập, chia tách hoặc giải thể); ghi xã, phường hiện nay`,
        });
      } else {
        problems.push({ column: 'Xã, phường', message: `không có xã, phường "${value('commune')}" trong tỉnh` });
      }
    }

    const key = `${commune?.id ?? foldForMatching(value('commune'))}|${foldForMatching(name)}`;
    const earlier = name ? rowOfClub.get(key) : undefined;
    if (earlier) problems.push({ column: 'Tên câu lạc bộ', message: `câu lạc bộ này đã có ở dòng ${earlier} của tệp` });
    else if (name) rowOfClub.set(key, row.rowNumber);
    const namesakes = commune ? (clubsByKey.get(key) ?? []) : [];
    if (namesakes.length > 1) {
      problems.push({
        column: 'Tên câu lạc bộ',
        message: `${fullNameOf(commune!)} có ${namesakes.length} câu lạc bộ cùng tên này; đổi tên một câu lạc bộ cho khác rồi nhập lại`,
      });
    }
    const match = namesakes.length === 1 ? namesakes[0] : undefined;

    let hamletId = match?.hamlet_id ?? null;
    if (cell('hamlet') !== undefined) {
      hamletId = null;
      if (value('hamlet') && commune) {
        const named = units.filter((unit) => unit.level === 4 && !unit.valid_to && unit.parent_id === commune.id && namesUnit(unit, value('hamlet')));
        if (named.length === 1) hamletId = named[0].id;
        else if (named.length > 1) {
          problems.push({ column: 'Ấp, thôn, khu phố', message: `"${value('hamlet')}" là tên của ${named.length} đơn vị: ${unitsListed(named)}; ghi mã đơn vị để chọn đúng` });
        } else {
          problems.push({ column: 'Ấp, thôn, khu phố', message: `không có ấp, thôn, khu phố "${value('hamlet')}" thuộc ${fullNameOf(commune)}` });
        }
      }
    }

    let status = match?.status ?? ClubStatus.ACTIVE;
    if (cell('status') !== undefined) {
      const folded = foldForMatching(value('status'));
      const read = folded ? STATUS[folded] : ClubStatus.ACTIVE;
      if (!read) problems.push({ column: 'Tình trạng', message: `ghi "Đang hoạt động", "Tạm ngừng", "Giải thể" hoặc "Dự kiến", không phải "${value('status')}"` });
      else status = read;
    }

    const foundedOn = dateOfCell(value('foundedOn'));
    if (status === ClubStatus.PLANNED) {
      if (value('foundedOn')) problems.push({ column: 'Ngày thành lập', message: 'câu lạc bộ dự kiến chưa thành lập: để trống ngày thành lập' });
    } else if (!value('foundedOn')) {
      problems.push({ column: 'Ngày thành lập', message: 'chưa ghi ngày thành lập' });
    } else if (!foundedOn) {
      problems.push({ column: 'Ngày thành lập', message: `"${value('foundedOn')}" không phải ngày dạng dd/mm/yyyy` });
    } else if (foundedOn > today) {
      problems.push({ column: 'Ngày thành lập', message: 'là ngày trong tương lai' });
    }

    // A status differing from the club's goes the club's status path: a move it allows, from a day it takes.
    let statusOn = today;
    if (match && status !== match.status) {
      if (!ALLOWED_MOVES[match.status].includes(status)) {
        problems.push({
          column: 'Tình trạng',
          message:
            match.status === ClubStatus.DISSOLVED
              ? `câu lạc bộ đã giải thể, không chuyển sang "${STATUS_TEXT[status]}" được`
              : `câu lạc bộ đang ở tình trạng "${STATUS_TEXT[match.status]}", không chuyển sang "${STATUS_TEXT[status]}" được`,
        });
      } else if (match.status === ClubStatus.PLANNED && status === ClubStatus.ACTIVE && foundedOn) {
        // A planned club founded: the founding day is the day it became active.
        statusOn = foundedOn;
        if (match.status_since && foundedOn < match.status_since) {
          problems.push({ column: 'Ngày thành lập', message: `câu lạc bộ vào kế hoạch ngày ${day(match.status_since)}: ngày thành lập không được trước ngày đó` });
        }
      }
      if (status === ClubStatus.DISSOLVED && match.open_loans > 0) {
        problems.push({ column: 'Tình trạng', message: `câu lạc bộ còn ${match.open_loans} khoản vay chưa trả xong, chưa giải thể được` });
      }
    }

    // The board: members come in after their club, so a name not found yet is given its seat by the members file.
    const board: ClubFields['board'] = [];
    const clubMembers = match ? (membersByClub.get(match.id) ?? []) : [];
    const namedOnBoard = new Map<string, string>();
    for (const seat of SEATS) {
      const person = normalizeText(value(seat.field));
      if (!person) continue;
      const other = namedOnBoard.get(foldForMatching(person));
      if (other) {
        problems.push({ column: seat.column, message: `"${person}" đã ghi ở cột "${other}": mỗi người giữ một chức vụ trong ban chủ nhiệm` });
        continue;
      }
      namedOnBoard.set(foldForMatching(person), seat.column);
      const found = clubMembers.filter((member) => foldForMatching(member.full_name) === foldForMatching(person));
      const inMembersFile = `giao chức vụ ${seat.title} cho người này ở cột "Chức vụ trong ban chủ nhiệm" của tệp thành viên`;
      if (found.length === 1) board.push({ memberId: found[0].id, role: seat.role });
      else if (!match) warnings.push({ message: `${seat.title} "${person}": câu lạc bộ mới chưa có thành viên; ${inMembersFile}` });
      else if (found.length > 1) warnings.push({ message: `${seat.title} "${person}": câu lạc bộ có ${found.length} thành viên cùng tên; ${inMembersFile}`, clubId: match.id });
      else warnings.push({ message: `${seat.title} "${person}": chưa có thành viên tên này trong câu lạc bộ; ${inMembersFile}`, clubId: match.id });
    }

    const fields: ClubFields = {
      name, communeId: commune?.id ?? '', hamletId, foundedOn: status === ClubStatus.PLANNED ? null : (foundedOn ?? null), status, statusOn, board,
    };
    const checked = { rowNumber: row.rowNumber, clubId: match?.id ?? null, targetId: match?.id ?? null, label: name, fields, problems, warnings };
    if (problems.length) return { ...checked, action: 'PROBLEM', changes: [] };
    if (!match) return { ...checked, action: 'NEW', changes: [] };
    const changes = [...clubChangesOf(match, fields, unitById), ...boardChangesOf(clubMembers, board)];
    return { ...checked, action: changes.length ? 'UPDATE' : 'UNCHANGED', changes };
  });
}

/** What a row changes of the club it matches, each by its template header, in the words people read. */
function clubChangesOf(club: ExistingClub, fields: ClubFields, unitById: Map<string, UnitRow>): ImportChange[] {
  const hamlet = (id: string | null) => (id && unitById.has(id) ? unitById.get(id)!.name : null);
  const changes: ImportChange[] = [];
  if (club.hamlet_id !== fields.hamletId) {
    changes.push({ field: 'hamlet', column: 'Ấp, thôn, khu phố', from: hamlet(club.hamlet_id), to: hamlet(fields.hamletId) });
  }
  if (club.founded_on !== fields.foundedOn) changes.push({ field: 'foundedOn', column: 'Ngày thành lập', from: day(club.founded_on), to: day(fields.foundedOn) });
  if (club.status !== fields.status) {
    changes.push({ field: 'status', column: 'Tình trạng', from: STATUS_TEXT[club.status], to: `${STATUS_TEXT[fields.status]} từ ${day(fields.statusOn)}` });
  }
  return changes;
}

/**
 * Who holds the head's and the treasurer's seats before and after the row: a member named to a
 * seat takes it from its holder and leaves the seat they held (said next to their name).
 */
function boardChangesOf(members: BoardMember[], board: ClubFields['board']): ImportChange[] {
  const byId = new Map(members.map((member) => [member.id, member]));
  const before = new Map<BoardRole, string>();
  for (const member of members) if (member.board_role && member.board_role !== BoardRole.DEPUTY) before.set(member.board_role, member.id);
  const after = new Map(before);
  for (const seat of board) {
    for (const [role, holder] of after) if (holder === seat.memberId) after.delete(role);
    after.set(seat.role, seat.memberId);
  }
  const named = (id: string | undefined, role: BoardRole) => {
    if (!id) return null;
    const member = byId.get(id)!;
    const previous = member.board_role && member.board_role !== role && board.some((seat) => seat.memberId === id) ? member.board_role : null;
    return previous ? `${member.full_name} (trước là ${BOARD_TEXT[previous]})` : member.full_name;
  };
  return SEATS.filter((seat) => before.get(seat.role) !== after.get(seat.role)).map((seat) => ({
    field: seat.field,
    column: seat.column,
    from: before.has(seat.role) ? byId.get(before.get(seat.role)!)!.full_name : null,
    to: named(after.get(seat.role), seat.role),
  }));
}

/**
 * Clubs, for the province only: each new row is created and each changed one updated through the
 * club service (a status through its status path, from its day), so the club's rules, live figures
 * and audit hold for imported clubs as for typed ones; a board seat is given through the member service.
 */
export const clubImport: ImportHandler<ClubFields> = {
  kind: 'clubs',
  provinceOnly: true,
  check: (db, rows) => checkClubRows(db, rows),
  async apply(db, requestId, rows) {
    for (const { action, targetId, fields } of rows) {
      let club =
        action === 'NEW'
          ? await createClub(db, requestId, {
              name: fields.name, communeId: fields.communeId, hamletId: fields.hamletId, foundedOn: fields.foundedOn, schemeId: null, maxActiveLoansPerMember: 1,
            })
          : (await findClubsByIds(db, [targetId!]))[0];
      if (club.hamletId !== fields.hamletId || club.foundedOn !== fields.foundedOn) {
        club = await updateClub(db, requestId, {
          id: club.id, version: club.version, name: club.name, hamletId: fields.hamletId, foundedOn: fields.foundedOn,
          schemeId: club.schemeId, maxActiveLoansPerMember: club.maxActiveLoansPerMember,
        });
      }
      if (club.status !== fields.status) {
        club = await changeClubStatus(db, requestId, { id: club.id, version: club.version, status: fields.status, effectiveOn: fields.statusOn, reason: STATUS_REASON });
      }
      for (const seat of fields.board) await assignBoardSeat(db, requestId, seat.memberId, seat.role);
    }
  },
};
