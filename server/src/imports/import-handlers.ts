import type { ImportKind } from './import-columns.js';
import type { ImportHandler } from './import-kind.js';
import { clubImport } from './club-import.js';
import { fundBalanceImport } from './fund-balance-import.js';
import { memberImport } from './member-import.js';
import { surveyVisitImport } from './survey-visit-import.js';

/** The kinds that can be imported, each with its own check and apply. */
const HANDLERS: Partial<Record<ImportKind, ImportHandler<any>>> = {
  clubs: clubImport,
  members: memberImport,
  'fund-balances': fundBalanceImport,
  'survey-visits': surveyVisitImport,
};

export function importHandlerOf(kind: ImportKind): ImportHandler<any> | undefined {
  return HANDLERS[kind];
}
