import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A club's member is a "thành viên" on every screen and in every file, as in the program's
 * decisions; the indicator catalogue and the 2020 phase's targets, written by
 * 1764100000000-province-workspace.ts, still said "hội viên". A text is rewritten only while it is
 * still the one first written: one the national office has since edited is its own and stays.
 */
const SEEDED_TEXTS: ReadonlyArray<{ table: 'indicator' | 'national_phase_target'; column: string; text: string }> = [
  { table: 'indicator', column: 'name_vi', text: 'Số hội viên câu lạc bộ' },
  { table: 'indicator', column: 'definition_vi', text: 'Tổng số hội viên của các câu lạc bộ đang hoạt động.' },
  { table: 'indicator', column: 'name_vi', text: 'Số hội viên là người cao tuổi' },
  { table: 'indicator', column: 'definition_vi', text: 'Số hội viên từ đủ 60 tuổi trở lên (theo Luật Người cao tuổi).' },
  { table: 'indicator', column: 'name_vi', text: 'Số hội viên là phụ nữ' },
  { table: 'indicator', column: 'definition_vi', text: 'Số hội viên là nữ.' },
  { table: 'indicator', column: 'name_vi', text: 'Số hội viên thuộc hộ nghèo, cận nghèo' },
  { table: 'indicator', column: 'definition_vi', text: 'Số hội viên thuộc hộ nghèo hoặc hộ cận nghèo theo danh sách của địa phương.' },
  {
    table: 'indicator',
    column: 'definition_vi',
    text: 'Tỷ lệ phần trăm câu lạc bộ đạt chuẩn: 50–70 hội viên, 60–70% là nữ, 60–70% là người cao tuổi, thực hiện đủ các hoạt động và quản lý tốt.',
  },
  { table: 'indicator', column: 'name_vi', text: 'Tỷ lệ hội viên được vay vốn' },
  { table: 'indicator', column: 'definition_vi', text: 'Tỷ lệ phần trăm hội viên được vay vốn từ quỹ tăng thu nhập để phát triển sinh kế.' },
  { table: 'national_phase_target', column: 'description_vi', text: 'Các câu lạc bộ mới có 150.000 hội viên.' },
  { table: 'national_phase_target', column: 'description_vi', text: 'Trên 100.000 hội viên là người cao tuổi.' },
  { table: 'national_phase_target', column: 'description_vi', text: 'Ít nhất 50% hội viên được vay vốn phát triển sinh kế.' },
];

function saidWithThanhVien(text: string): string {
  return text.replaceAll('hội viên', 'thành viên').replaceAll('Hội viên', 'Thành viên');
}

export class MembersCalledThanhVien1764940000000 implements MigrationInterface {
  name = 'MembersCalledThanhVien1764940000000';

  async up(db: QueryRunner): Promise<void> {
    for (const { table, column, text } of SEEDED_TEXTS) {
      await db.query(`update ${table} set ${column} = $2 where ${column} = $1`, [text, saidWithThanhVien(text)]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const { table, column, text } of SEEDED_TEXTS) {
      await db.query(`update ${table} set ${column} = $1 where ${column} = $2`, [text, saidWithThanhVien(text)]);
    }
  }
}
