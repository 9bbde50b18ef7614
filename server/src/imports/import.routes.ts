import express, { type Express, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { RequestScope, type Viewer } from '../database/request-scope.js';
import { sendError } from '../exports/export.routes.js';
import { badInput, ErrorCode, forbidden } from '../graphql/errors.js';
import type { Logger } from '../logger.js';
import { Role } from '../users/role.js';
import { previewImport, type ImportProgress } from './data-import.service.js';
import { IMPORT_KINDS, type ImportKind } from './import-columns.js';
import { readImportFile } from './import-file.js';
import { importHandlerOf } from './import-handlers.js';

/** A province's file of 24.000 members is a few megabytes; this leaves room and no more. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `POST /imports/<kind>?clubId=…&surveyId=…` with the session's bearer token and the file as the body (CSV in
 * UTF-8 or XLSX): the rows are checked in the viewer's scope and kept as a preview; answers
 * `{ importId }`, which `dataImport(id)` shows and `commitDataImport(id)` applies. A province admin
 * imports for the province (each row names its club) or for one club; club staff for their own club.
 *
 * With `Accept: application/x-ndjson` the answer streams one JSON line per step of the preview
 * (`{ phase, done, total }`) and ends with the answer's line, so a large file shows its progress;
 * a refusal found before the first step is the usual JSON answer, a failure after it a last
 * `{ error }` line.
 */
export function addImportRoutes(
  app: Express,
  options: { dataSource: DataSource; statementTimeoutMs: number; log: Logger; viewerOf: (request: Request) => Promise<Viewer | null> },
): void {
  app.post('/imports/:kind', express.raw({ type: () => true, limit: MAX_FILE_BYTES }), async (request, response) => {
    const log = options.log.child({ requestId: response.locals.requestId, import: request.params.kind });
    const kind = request.params.kind as ImportKind;
    if (!IMPORT_KINDS.includes(kind)) {
      response.status(404).json({ error: { code: 'NOT_FOUND', message: `No such import: the kinds are ${IMPORT_KINDS.join(', ')}.` } });
      return;
    }
    let scope: RequestScope | undefined;
    const stream = progressStream(request, response);
    try {
      const viewer = await options.viewerOf(request);
      if (!viewer) {
        response.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Please sign in.' } });
        return;
      }
      if (viewer.role !== Role.PROVINCE_ADMIN && viewer.role !== Role.CLUB_STAFF) throw forbidden('Imports are made by a province or a club.');
      if (viewer.role === Role.CLUB_STAFF && importHandlerOf(kind)?.provinceOnly) {
        throw forbidden(`Only the province imports ${kind}; a club imports its own members, fund balances and loans.`);
      }
      const asked = typeof request.query.clubId === 'string' && request.query.clubId ? request.query.clubId : null;
      if (asked && !UUID.test(asked)) throw badInput([{ field: 'clubId', message: 'is not a club identifier' }]);
      if (viewer.role === Role.CLUB_STAFF && asked && asked !== viewer.clubId) throw forbidden('You can import for your own club only.');
      const clubId = viewer.role === Role.CLUB_STAFF ? viewer.clubId : asked;
      const surveyId = typeof request.query.surveyId === 'string' && request.query.surveyId ? request.query.surveyId : null;
      if (surveyId && !UUID.test(surveyId)) throw badInput([{ field: 'surveyId', message: 'is not a survey identifier' }]);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (!body.length) throw badInput([{ field: 'file', message: 'send the file as the body of the request' }]);
      const read = await readImportFile(kind, body);
      if (!read.ok) throw badInput([{ field: 'file', message: read.problem }]);
      const problems = [
        ...read.mapping.missing.map((column) => ({ field: 'file', message: `thiếu cột "${column.header}" (${column.key})` })),
        ...read.mapping.repeated.map((column) => ({ field: 'file', message: `cột "${column.header}" (${column.key}) có hai lần` })),
      ];
      if (problems.length) throw badInput(problems);
      scope = new RequestScope(options.dataSource, viewer, { statementTimeoutMs: Math.max(options.statementTimeoutMs, 120_000) });
      const db = await scope.db();
      const fileName = typeof request.query.fileName === 'string' ? request.query.fileName : null;
      const importId = await previewImport(
        db,
        String(response.locals.requestId ?? 'import'),
        { kind, clubId, surveyId, fileName, format: read.format, rows: read.rows },
        stream?.progress,
      );
      await scope.commit();
      const answer = { importId, rows: read.rows.length, unknownColumns: read.mapping.unknown };
      if (stream) stream.end(answer);
      else response.status(201).json(answer);
    } catch (error) {
      if (stream?.started()) stream.end({ error: streamedError(error, log) });
      else sendError(response, error, log);
    } finally {
      await scope?.rollback().catch((error: unknown) => log.warn({ err: error }, 'import transaction did not end cleanly'));
    }
  });
}

/**
 * The progress lines of an answer whose client asked for them; the answer's head goes out with the
 * first line, so that a refusal before it is still a plain 4xx.
 */
function progressStream(request: Request, response: Response) {
  if (!(request.get('accept') ?? '').includes('application/x-ndjson')) return null;
  let started = false;
  const write = (line: unknown) => {
    if (!started) {
      started = true;
      response.status(201);
      response.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
      // no-transform keeps the compression middleware from holding the lines back until the end.
      response.setHeader('cache-control', 'no-cache, no-transform');
      response.flushHeaders();
    }
    response.write(`${JSON.stringify(line)}\n`);
  };
  return {
    started: () => started,
    progress: (progress: ImportProgress) => write(progress),
    end(line: unknown) {
      write(line);
      response.end();
    },
  };
}

/** A failure once the lines have started, as the `{ error }` the plain answer would have carried. */
function streamedError(error: unknown, log: Logger): { code: string; message: string; fields?: unknown } {
  const code = error instanceof GraphQLError ? String(error.extensions.code ?? '') : '';
  if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { fields } = (error as GraphQLError).extensions as { fields?: unknown };
    return { code, message: (error as GraphQLError).message, ...(fields ? { fields } : {}) };
  }
  log.error({ err: error }, 'import failed');
  return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'The import failed.' };
}
