import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportUploadError } from '../../client/src/app/imports/import-kinds.js';
import { uploadErrorLines } from '../../client/src/app/imports/upload-messages.js';
import { importsEn } from '../../client/src/i18n/imports.en.js';
import { importsVi } from '../../client/src/i18n/imports.vi.js';

// The imports' own messages; the app's general ones (errors.*) are left out and read back as their keys.
const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({
    lng: 'vi',
    resources: { vi: { translation: { imports: importsVi } }, en: { translation: { imports: importsEn } } },
    interpolation: { escapeValue: false },
  });
});

function refused(status: number, code: string | null, message: string, fields: Array<{ field: string; message: string }> = []) {
  return new ImportUploadError(status, code, message, fields);
}

describe('why an upload was refused, in plain words', () => {
  it('says a kind the server does not import yet, and the survey to choose, in Vietnamese', () => {
    expect(uploadErrorLines(i18n.t, 'loans', refused(400, 'BAD_USER_INPUT', 'Bad input', [{ field: 'kind', message: 'importing loans is not available' }]))).toEqual([
      'Hệ thống chưa nhận nhập khoản vay từ tệp. Tệp chưa được ghi gì; phần này dùng được khi hệ thống được cập nhật.',
    ]);
    expect(uploadErrorLines(i18n.t, 'survey-visits', refused(400, 'BAD_USER_INPUT', 'Bad input', [{ field: 'surveyId', message: 'name the survey the visits belong to' }]))).toEqual([
      'Hãy chọn cuộc khảo sát trước khi tải tệp lên.',
    ]);
  });

  it('keeps the server’s own Vietnamese about the file, one line a problem', () => {
    const missing = refused(400, 'BAD_USER_INPUT', 'Bad input', [
      { field: 'file', message: 'thiếu cột "Giới tính" (sex)' },
      { field: 'file', message: 'send the file as the body of the request' },
    ]);
    expect(uploadErrorLines(i18n.t, 'members', missing)).toEqual(['thiếu cột "Giới tính" (sex)', 'Tệp trống, không có gì để đọc.']);
  });

  it('says what a status means when there are no fields: another club, no such club, too large, no connection', () => {
    expect(uploadErrorLines(i18n.t, 'members', refused(403, 'FORBIDDEN', 'You can import for your own club only.'))).toEqual(['Bạn chỉ nhập được cho câu lạc bộ của mình.']);
    expect(uploadErrorLines(i18n.t, 'members', refused(404, 'NOT_FOUND', 'Club not found.'))).toEqual(['Không tìm thấy câu lạc bộ hoặc cuộc khảo sát đã chọn. Hãy chọn lại.']);
    expect(uploadErrorLines(i18n.t, 'members', refused(413, null, 'Payload Too Large'))).toEqual(['Tệp lớn quá 50 MB. Hãy chia thành nhiều tệp nhỏ hơn.']);
    expect(uploadErrorLines(i18n.t, 'members', refused(0, 'NETWORK', 'the server could not be reached'))).toEqual(['errors.NETWORK']);
    expect(uploadErrorLines(i18n.t, 'members', new TypeError('Failed to fetch'))).toEqual(['errors.NETWORK']);
  });

  it('speaks English to an English reader', async () => {
    const english = i18n.cloneInstance({ lng: 'en' });
    await english.changeLanguage('en');
    expect(uploadErrorLines(english.t, 'clubs', refused(400, 'BAD_USER_INPUT', 'Bad input', [{ field: 'kind', message: 'importing clubs is not available' }]))).toEqual([
      'The system does not import clubs from a file yet. Nothing was written; this part works once the system is updated.',
    ]);
  });
});
