import { sessionStore } from '../session/session-store';

export type ExportFormat = 'csv' | 'xlsx';

export type ExportParams = Record<string, string | null | undefined>;

export class ExportError extends Error {
  constructor(
    readonly status: number,
    /** The server's error code (FORBIDDEN, BAD_USER_INPUT…), when it gave one. */
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** The address of an export: `/exports/<name>.<format>?<params>`, empty params left out. */
export function exportUrl(name: string, format: ExportFormat, params: ExportParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const search = query.toString();
  return `/exports/${name}.${format}${search ? `?${search}` : ''}`;
}

/** The file name the server gives (RFC 6266, UTF-8 form first, as Vietnamese names need it). */
export function fileNameOf(contentDisposition: string | null, fallback: string): string {
  if (!contentDisposition) return fallback;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(contentDisposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // A malformed encoding falls through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(contentDisposition);
  return plain ? plain[1].trim() : fallback;
}

/** What the server said when it refused: `{ error: { code, message } }`, or a short text. */
async function refusalOf(response: Response): Promise<ExportError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } | string; message?: unknown };
    const error = typeof body.error === 'object' ? body.error : undefined;
    const message = error?.message ?? body.message ?? body.error;
    if (typeof message === 'string') return new ExportError(response.status, typeof error?.code === 'string' ? error.code : null, message);
  } catch {
    // Not JSON: an HTML or plain-text page.
  }
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return new ExportError(response.status, null, plain.length > 0 && plain.length <= 200 ? plain : response.statusText);
}

/**
 * Fetches an export with the session's token (the address alone would not carry it) and hands
 * the file to the browser through a temporary link. Returns the file name.
 */
export async function downloadExport(name: string, format: ExportFormat, params: ExportParams): Promise<string> {
  const token = sessionStore.token();
  const response = await fetch(exportUrl(name, format, params), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    const refusal = await refusalOf(response);
    if (response.status === 401) sessionStore.end('expired');
    throw refusal;
  }
  const fileName = fileNameOf(response.headers.get('content-disposition'), `${name}.${format}`);
  saveBlob(await response.blob(), fileName);
  return fileName;
}

/** Hands a file made in the page to the browser's downloads, under the given name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
