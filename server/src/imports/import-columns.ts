import { foldForMatching } from '../admin-units/admin-unit.csv.js';
import { MAX_TERM_MONTHS } from '../loans/loan.types.js';

/**
 * What each kind of import reads: one column per field, known by its Vietnamese template header, by
 * the API's field name and by the aliases a kind lists. Provinces keep their records in Excel files of
 * their own making, or export them from field forms, so a file's header row may use any of these
 * names, in any order, with or without accents, in snake_case, behind a form's group path.
 */

export type ImportKind = 'clubs' | 'members' | 'fund-balances' | 'loans' | 'survey-visits';

export const IMPORT_KINDS: readonly ImportKind[] = ['clubs', 'members', 'fund-balances', 'loans', 'survey-visits'];

export interface ImportColumn {
  /** The API's field name, also accepted as a header. */
  key: string;
  /** The template's Vietnamese header. */
  header: string;
  /** What to write, in Vietnamese, shown in the template's guide. */
  note: string;
  required: boolean;
  /** A value as it would be written, for the guide. */
  example: string;
  /** Other headers that name the field: the question names and labels field forms use for it. */
  aliases?: readonly string[];
}

const YES_NO = 'Ghi "Có" hoặc để trống (Không).';
const DAY = 'Ngày theo dạng dd/mm/yyyy, ví dụ 15/06/2019.';
const AMOUNT = 'Số tiền bằng đồng, chỉ ghi số, ví dụ 20000000 hoặc 20.000.000.';
const CLUB = 'Tên câu lạc bộ như trong hệ thống; để trống khi nhập cho một câu lạc bộ đã chọn.';
const UNIT = 'Mã đơn vị hành chính (Cục Thống kê) hoặc tên, không phân biệt dấu và chữ hoa.';

export const IMPORT_COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  clubs: [
    { key: 'name', header: 'Tên câu lạc bộ', note: 'Tên đầy đủ của câu lạc bộ.', required: true, example: 'CLB Liên thế hệ tự giúp nhau xã Bình An' },
    { key: 'commune', header: 'Xã, phường', note: UNIT, required: true, example: '30790' },
    { key: 'hamlet', header: 'Ấp, thôn, khu phố', note: `${UNIT} Có thể để trống.`, required: false, example: 'Ấp Ba Hòn' },
    { key: 'foundedOn', header: 'Ngày thành lập', note: DAY, required: true, example: '15/06/2019' },
    { key: 'status', header: 'Tình trạng', note: '"Đang hoạt động", "Tạm ngừng", "Giải thể" hoặc "Dự kiến" (chưa thành lập: để trống ngày thành lập); để trống là đang hoạt động.', required: false, example: 'Đang hoạt động' },
    { key: 'head', header: 'Chủ nhiệm', note: 'Họ tên chủ nhiệm câu lạc bộ (là thành viên, nhập cùng danh sách thành viên).', required: false, example: 'Nguyễn Văn Hùng' },
    { key: 'treasurer', header: 'Thủ quỹ', note: 'Họ tên thủ quỹ câu lạc bộ.', required: false, example: 'Trần Thị Lan' },
  ],
  members: [
    { key: 'club', header: 'Câu lạc bộ', note: CLUB, required: false, example: 'CLB Liên thế hệ tự giúp nhau xã Bình An' },
    { key: 'fullName', header: 'Họ và tên', note: 'Họ tên đầy đủ, có dấu.', required: true, example: 'Nguyễn Thị Lan' },
    { key: 'sex', header: 'Giới tính', note: '"Nữ" hoặc "Nam".', required: true, example: 'Nữ' },
    { key: 'birthYear', header: 'Năm sinh', note: 'Năm sinh, bốn chữ số.', required: true, example: '1956' },
    { key: 'citizenId', header: 'Số CCCD', note: 'Số căn cước công dân, 12 chữ số; có thể để trống.', required: false, example: '091156001234' },
    { key: 'hamlet', header: 'Ấp, thôn, khu phố', note: `${UNIT} Có thể để trống.`, required: false, example: 'Ấp Ba Hòn' },
    { key: 'joinedOn', header: 'Ngày vào câu lạc bộ', note: DAY, required: true, example: '15/06/2019' },
    { key: 'householdCategory', header: 'Hộ nghèo, cận nghèo', note: '"Hộ nghèo", "Hộ cận nghèo" hoặc để trống.', required: false, example: 'Hộ cận nghèo' },
    { key: 'ethnicMinority', header: 'Dân tộc thiểu số', note: 'Tên dân tộc nếu là người dân tộc thiểu số, ví dụ Khmer; để trống nếu là người Kinh.', required: false, example: 'Khmer' },
    { key: 'disability', header: 'Khuyết tật', note: YES_NO, required: false, example: '' },
    { key: 'livesAlone', header: 'Sống một mình', note: YES_NO, required: false, example: 'Có' },
    { key: 'needsHomeCare', header: 'Cần chăm sóc tại nhà', note: YES_NO, required: false, example: '' },
    { key: 'homeCareVolunteer', header: 'Tình nguyện viên chăm sóc tại nhà', note: YES_NO, required: false, example: '' },
    { key: 'boardRole', header: 'Chức vụ trong ban chủ nhiệm', note: '"Chủ nhiệm", "Phó chủ nhiệm", "Thủ quỹ", "Thư ký" hoặc để trống.', required: false, example: '' },
    { key: 'phone', header: 'Số điện thoại', note: 'Có thể để trống.', required: false, example: '0912345678' },
  ],
  'fund-balances': [
    { key: 'club', header: 'Câu lạc bộ', note: CLUB, required: false, example: 'CLB Liên thế hệ tự giúp nhau xã Bình An' },
    { key: 'asOf', header: 'Ngày chốt số dư', note: `Ngày bắt đầu dùng hệ thống (số dư đầu kỳ tính đến ngày này). ${DAY}`, required: true, example: '01/01/2027' },
    { key: 'incomeFund', header: 'Quỹ tăng thu nhập', note: AMOUNT, required: true, example: '35000000' },
    { key: 'activityFund', header: 'Quỹ hoạt động', note: AMOUNT, required: true, example: '2500000' },
  ],
  loans: [
    { key: 'club', header: 'Câu lạc bộ', note: CLUB, required: false, example: 'CLB Liên thế hệ tự giúp nhau xã Bình An' },
    { key: 'asOf', header: 'Ngày chốt số liệu', note: `Ngày bắt đầu dùng hệ thống: dư nợ, số ngày quá hạn và kỳ trả tiếp theo tính đến ngày này, như ngày chốt số dư quỹ. ${DAY}`, required: true, example: '01/01/2027' },
    { key: 'borrowerCitizenId', header: 'Số CCCD người vay', note: 'Số CCCD của thành viên vay; hoặc để trống và ghi họ tên, năm sinh.', required: false, example: '091156001234' },
    { key: 'borrowerName', header: 'Họ và tên người vay', note: 'Họ tên thành viên vay, như trong danh sách thành viên (nhập thành viên trước).', required: true, example: 'Nguyễn Thị Lan' },
    { key: 'borrowerBirthYear', header: 'Năm sinh người vay', note: 'Năm sinh, bốn chữ số; bắt buộc khi không ghi số CCCD.', required: false, example: '1956' },
    { key: 'principal', header: 'Số tiền vay', note: AMOUNT, required: true, example: '3000000' },
    { key: 'outstanding', header: 'Dư nợ gốc còn lại', note: `Số tiền gốc còn phải trả tại ngày chốt, lớn hơn 0 và không quá số tiền vay. ${AMOUNT}`, required: true, example: '900000' },
    { key: 'monthlyRate', header: 'Lãi suất (%/tháng)', note: 'Lãi suất theo tháng tính trên số tiền vay, ví dụ 0,5 (ghi 0 nếu không lấy lãi); để trống nếu thu phí cố định.', required: false, example: '0,5' },
    { key: 'flatFee', header: 'Phí cố định cả khoản vay', note: `Tổng phí thu thay cho lãi, chia đều theo các kỳ trả; để trống nếu tính lãi suất. ${AMOUNT}`, required: false, example: '' },
    { key: 'termMonths', header: 'Thời hạn (tháng)', note: `Số tháng của khoản vay, từ 1 đến ${MAX_TERM_MONTHS}.`, required: true, example: '12' },
    { key: 'disbursedOn', header: 'Ngày giải ngân', note: DAY, required: true, example: '10/03/2026' },
    { key: 'nextDueOn', header: 'Kỳ trả tiếp theo', note: `Ngày phải trả kỳ tới sau ngày chốt (hoặc kỳ cũ nhất chưa trả nếu đang quá hạn); để trống khi đã hết thời hạn vay. ${DAY}`, required: false, example: '10/01/2027' },
    { key: 'daysPastDue', header: 'Số ngày quá hạn', note: 'Số ngày chậm trả tính đến ngày chốt, kể từ kỳ cũ nhất chưa trả; 0 hoặc để trống nếu trả đúng hạn.', required: false, example: '0' },
    { key: 'purpose', header: 'Mục đích vay', note: '"Chăn nuôi", "Trồng trọt", "Nuôi trồng thủy sản", "Buôn bán nhỏ", "Thủ công", "Dịch vụ" hoặc "Khác"; để trống là Khác.', required: false, example: 'Chăn nuôi' },
  ],
  'survey-visits': [
    // The aliases are the names a KoboToolbox or ODK form (XLSForm) is likely to give its questions.
    {
      key: 'unit', header: 'Đơn vị khảo sát', note: `${UNIT} Hai đơn vị trùng tên thì ghi mã, hoặc tên kèm cấp như "Thị trấn Kiên Lương".`, required: true, example: '30790',
      aliases: ['unit_code', 'unit_name', 'ma_don_vi', 'ten_don_vi', 'don_vi', 'Mã đơn vị', 'Tên đơn vị', 'Xã, phường', 'commune'],
    },
    {
      key: 'visitedOn', header: 'Ngày khảo sát', note: `${DAY} Cũng nhận ngày dạng 2017-07-24 như tệp xuất từ KoboToolbox, ODK.`, required: true, example: '24/07/2017',
      aliases: ['visit_date', 'survey_date', 'date', 'ngay', 'ngay_tham'],
    },
    {
      key: 'participants', header: 'Thành phần tham dự', note: 'Những ai tham gia buổi khảo sát.', required: false, example: 'Hội Người cao tuổi xã, cán bộ văn hóa xã hội',
      aliases: ['thanh_phan', 'nguoi_tham_du'],
    },
    {
      key: 'clubsFound', header: 'Số câu lạc bộ hiện có', note: 'Số câu lạc bộ đang có ở đơn vị.', required: false, example: '1',
      aliases: ['clubs', 'number_of_clubs', 'so_clb', 'so_cau_lac_bo', 'so_clb_hien_co'],
    },
    {
      key: 'clubActivity', header: 'Tình hình hoạt động', note: 'Hoạt động của các câu lạc bộ hiện có.', required: false, example: 'Sinh hoạt định kỳ hằng tháng',
      aliases: ['activity', 'club_activities', 'hoat_dong', 'hoat_dong_clb'],
    },
    { key: 'difficulties', header: 'Khó khăn', note: 'Khó khăn, vướng mắc.', required: false, example: 'Thiếu vốn cho vay', aliases: ['kho_khan_vuong_mac'] },
    { key: 'proposals', header: 'Đề xuất', note: 'Kiến nghị, đề xuất.', required: false, example: 'Hỗ trợ vốn ban đầu', aliases: ['kien_nghi', 'kien_nghi_de_xuat'] },
    {
      key: 'readyForClub', header: 'Sẵn sàng thành lập CLB', note: 'Ghi "Có", "Không", hoặc để trống nếu chưa đánh giá.', required: false, example: 'Có',
      aliases: ['ready', 'san_sang', 'san_sang_thanh_lap', 'san_sang_thanh_lap_cau_lac_bo'],
    },
  ],
};

/**
 * A header as it is compared: no accents, case, spaces or punctuation, so "Họ và tên", "HO VA TEN",
 * "fullName" and "full_name" each find their field.
 */
export function headerKey(header: string): string {
  return foldForMatching(header.replace(/^\uFEFF/, '')).replace(/[^a-z0-9%]+/g, '');
}

export interface HeaderMapping {
  /** For each column of the file, in order, the field it holds, or null for a column not read. */
  fields: Array<string | null>;
  /** Headers that name no field (reported, not fatal). */
  unknown: string[];
  /** Required fields no header names. */
  missing: ImportColumn[];
  /** Fields named by more than one header. */
  repeated: ImportColumn[];
}

/**
 * The names a header may be known by: as written, then without the groups a field form's export puts
 * before a question's name ("visit/visited_on", "group_abc/unit_code"). Only a header that names no
 * field as written is read without its groups, so a header with a slash of its own ("Lãi suất
 * (%/tháng)") still names its field.
 */
function namesOfHeader(header: string): string[] {
  return [header, header.slice(header.lastIndexOf('/') + 1)];
}

// What KoboToolbox and ODK add to each submission besides the form's answers: who sent it from
// which device, when, and the server's own identifiers and review state.
const FORM_METADATA = new Set(
  [
    'start', 'end', 'today', 'deviceid', 'subscriberid', 'simserial', 'phonenumber', 'username', 'email', 'audit',
    'instanceID', 'instanceName', 'deprecatedID', 'rootUuid', 'uuid', 'start-geopoint', 'background-audit',
    'SubmissionDate', 'SubmitterID', 'SubmitterName', 'AttachmentsPresent', 'AttachmentsExpected', 'Status', 'ReviewState',
    'DeviceID', 'Edits', 'FormVersion', 'KEY',
  ].map(headerKey),
);

/** A column a field form's export adds on its own (`_id`, `_uuid`, `__version__`, `meta/instanceID`, `start`, …). */
function isFormMetadata(header: string): boolean {
  const text = header.trim();
  if (text.startsWith('_')) return true;
  if (/^(meta|formhub)[/-]/i.test(text)) return true;
  return namesOfHeader(text).some((name) => FORM_METADATA.has(headerKey(name)));
}

/** Columns a kind's files may carry that are neither read nor reported: survey visits come from field forms. */
const IGNORED_COLUMNS: Partial<Record<ImportKind, (header: string) => boolean>> = {
  'survey-visits': isFormMetadata,
};

/** Which field each column of a file's header row holds: by template header, API field name or alias. */
export function headerMappingOf(kind: ImportKind, headers: readonly string[]): HeaderMapping {
  const columns = IMPORT_COLUMNS[kind];
  const byKey = new Map<string, ImportColumn>();
  for (const column of columns) {
    for (const name of [column.header, column.key, ...(column.aliases ?? [])]) byKey.set(headerKey(name), column);
  }
  const ignored = IGNORED_COLUMNS[kind];
  const fields: Array<string | null> = [];
  const unknown: string[] = [];
  const seen = new Map<string, number>();
  for (const header of headers) {
    if (!header.trim()) {
      fields.push(null);
      continue;
    }
    const column = namesOfHeader(header.trim())
      .map((name) => byKey.get(headerKey(name)))
      .find(Boolean);
    fields.push(column?.key ?? null);
    if (column) seen.set(column.key, (seen.get(column.key) ?? 0) + 1);
    else if (!ignored?.(header)) unknown.push(header.trim());
  }
  return {
    fields,
    unknown,
    missing: columns.filter((column) => column.required && !seen.has(column.key)),
    repeated: columns.filter((column) => (seen.get(column.key) ?? 0) > 1),
  };
}
