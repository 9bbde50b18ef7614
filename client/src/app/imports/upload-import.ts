import type { FieldError } from '../errors';
import { sessionStore } from '../session/session-store';
import { ImportUploadError } from './import-kinds';

/**
 * Where an upload stands: the file going up (bytes), the server reading it, checking its rows,
 * and saving the checked rows as the preview (rows).
 */
export interface UploadStep {
  phase: 'uploading' | 'reading' | 'checking' | 'saving';
  done: number;
  total: number;
}

export interface UploadAnswer {
  importId: string;
  rows: number;
  /** Headers of the file that name no column of the kind: not read. */
  unknownColumns: string[];
}

function refusalOf(status: number, text: string): ImportUploadError {
  try {
    const { error } = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
    if (error && typeof error.message === 'string') {
      const fields = Array.isArray(error.fields) ? (error.fields as FieldError[]).filter((field) => typeof field?.message === 'string') : [];
      return new ImportUploadError(status, typeof error.code === 'string' ? error.code : null, error.message, fields);
    }
  } catch {
    // Not JSON: a proxy's page.
  }
  return new ImportUploadError(status, null, text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200));
}

/**
 * Sends a file to `POST /imports/<kind>` with the session's token. XMLHttpRequest rather than
 * fetch: only it reports the bytes sent. The server is asked for its progress lines (one JSON
 * object a line, read as they arrive), and the last line is the answer.
 */
export function uploadImport(url: string, file: File, onStep: (step: UploadStep) => void): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    let consumed = 0;
    let answer: UploadAnswer | null = null;
    let failure: ImportUploadError | null = null;

    const readLines = () => {
      if (request.status !== 201 || !(request.getResponseHeader('content-type') ?? '').includes('ndjson')) return;
      const text = request.responseText;
      for (let end = text.indexOf('\n', consumed); end !== -1; end = text.indexOf('\n', consumed)) {
        const line = text.slice(consumed, end).trim();
        consumed = end + 1;
        if (!line) continue;
        const item = JSON.parse(line) as Partial<UploadStep & UploadAnswer> & { error?: unknown };
        if (item.error) failure = refusalOf(request.status, line);
        else if (item.importId) answer = item as UploadAnswer;
        // The file is read: what comes next is checking its rows.
        else if (item.phase === 'reading') onStep({ phase: 'checking', done: 0, total: item.total ?? 0 });
        else if (item.phase === 'checking' || item.phase === 'saving') onStep({ phase: item.phase, done: item.done ?? 0, total: item.total ?? 0 });
      }
    };

    request.open('POST', url);
    const token = sessionStore.token();
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.setRequestHeader('accept', 'application/x-ndjson, application/json;q=0.5');
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.upload.onprogress = (event) => onStep({ phase: 'uploading', done: event.loaded, total: event.lengthComputable ? event.total : file.size });
    request.upload.onload = () => onStep({ phase: 'reading', done: 0, total: 0 });
    request.onprogress = readLines;
    request.onload = () => {
      try {
        readLines();
        if (request.status === 201 && !answer && !failure) answer = JSON.parse(request.responseText) as UploadAnswer;
      } catch {
        failure = new ImportUploadError(request.status, null, 'unreadable answer');
      }
      if (request.status === 401) sessionStore.end('expired');
      if (answer && !failure) resolve(answer);
      else reject(failure ?? refusalOf(request.status, request.responseText));
    };
    request.onerror = () => reject(new ImportUploadError(0, 'NETWORK', 'the server could not be reached'));
    request.send(file);
  });
}
