import type { Express, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { RequestScope, type Viewer } from '../database/request-scope.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../database/unavailable.js';
import { ErrorCode } from '../graphql/errors.js';
import type { Logger } from '../logger.js';
import { checkedParameters, checkRole, EXPORT_TABLES } from './export.tables.js';
import { writeTable, type ExportFormat } from './table-writer.js';

const FILE = /^([a-z-]+)\.(csv|xlsx)$/;
const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const STATUS_BY_CODE: Partial<Record<string, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
};

function contentDisposition(title: string, format: ExportFormat, month: string | undefined): string {
  return attachmentNamed(`${title}${month ? ` ${month}` : ''}.${format}`);
}

/** A download named with an ASCII file name for old browsers and the Vietnamese one (RFC 5987) for the rest. */
export function attachmentNamed(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9. -]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function sendError(response: Response, error: unknown, log: Logger): void {
  const code = error instanceof GraphQLError ? String(error.extensions.code ?? '') : '';
  const status = STATUS_BY_CODE[code];
  if (isDatabaseUnavailable(error) && !response.headersSent) {
    log.warn({ err: error }, 'export failed: the database is unavailable');
    response.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
    response.status(503).json({ error: { code: ErrorCode.SERVICE_UNAVAILABLE, message: 'The database cannot be reached right now. Try again in a moment.' } });
    return;
  }
  if (!status) {
    log.error({ err: error }, 'export failed');
    if (!response.headersSent) response.status(500).json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'The export failed.' } });
    else response.destroy();
    return;
  }
  const { fields } = (error as GraphQLError).extensions as { fields?: unknown };
  response.status(status).json({ error: { code, message: (error as GraphQLError).message, ...(fields ? { fields } : {}) } });
}

/**
 * `GET /exports/<table>.<csv|xlsx>?…` with the same bearer token and filters as the screens. The
 * table is read in the viewer's scope (the same role, tenant and policies as GraphQL) inside one
 * read-only transaction and streamed as it is produced.
 */
export function addExportRoutes(
  app: Express,
  options: { dataSource: DataSource; statementTimeoutMs: number; log: Logger; viewerOf: (request: Request) => Promise<Viewer | null> },
): void {
  app.get('/exports/:file', async (request, response) => {
    const log = options.log.child({ requestId: response.locals.requestId, export: request.params.file });
    const match = FILE.exec(request.params.file);
    const table = match ? EXPORT_TABLES[match[1]] : undefined;
    if (!match || !table) {
      response.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: 'No such export.' } });
      return;
    }
    const format = match[2] as ExportFormat;
    let scope: RequestScope | undefined;
    try {
      const viewer = await options.viewerOf(request);
      if (!viewer) {
        response.status(401).json({ error: { code: ErrorCode.UNAUTHENTICATED, message: 'Please sign in.' } });
        return;
      }
      checkRole(table, viewer);
      const parameters = checkedParameters(request.query as Record<string, unknown>);
      scope = new RequestScope(options.dataSource, viewer, { statementTimeoutMs: options.statementTimeoutMs });
      const db = await scope.db();
      const batches = table.rows(db, viewer, parameters)[Symbol.asyncIterator]();
      // The first batch is computed before any byte is sent, so bad input still gets a clean error.
      const first = await batches.next();
      response.setHeader('content-type', CONTENT_TYPE[format]);
      response.setHeader('content-disposition', contentDisposition(table.title, format, parameters.month));
      response.setHeader('cache-control', 'no-store');
      await writeTable(response, format, table.title, table.columns, (async function* () {
        if (!first.done) yield first.value;
        for (let next = await batches.next(); !next.done; next = await batches.next()) yield next.value;
      })());
    } catch (error) {
      sendError(response, error, log);
    } finally {
      // An export only reads: nothing to keep.
      await scope?.rollback().catch((error: unknown) => log.warn({ err: error }, 'export transaction did not end cleanly'));
    }
  });
}
