import type { ImportKind } from './import-columns.js';
import type { ImportHandler } from './import-kind.js';
import { loanImport } from './loan-import.js';
import { memberImport } from './member-import.js';

/** The kinds that can be imported, each with its own check and apply. */
const HANDLERS: Partial<Record<ImportKind, ImportHandler<any>>> = {
  members: memberImport,
  loans: loanImport,
};

export function importHandlerOf(kind: ImportKind): ImportHandler<any> | undefined {
  return HANDLERS[kind];
}
