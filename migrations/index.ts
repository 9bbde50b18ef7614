import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { ProvinceWorkspace1764100000000 } from './1764100000000-province-workspace.js';
import { HierarchyChanges1764200000000 } from './1764200000000-hierarchy-changes.js';
import { ImportValidity1764250000000 } from './1764250000000-import-validity.js';
import { ClubsAtWork1764300000000 } from './1764300000000-clubs-at-work.js';
import { LiveFigures1764400000000 } from './1764400000000-live-figures.js';
import { LedgerFiguresFromMonth1764450000000 } from './1764450000000-ledger-figures-from-month.js';
import { LoanPositionsByDay1764500000000 } from './1764500000000-loan-positions-by-day.js';
import { SignInTrust1764510000000 } from './1764510000000-sign-in-trust.js';
import { ProvinceMerges1764600000000 } from './1764600000000-province-merges.js';
import { DataImports1764700000000 } from './1764700000000-data-imports.js';
import { DataImportKinds1764750000000 } from './1764750000000-data-import-kinds.js';
import { OpeningBalances1764800000000 } from './1764800000000-opening-balances.js';
import { OpeningLoans1764810000000 } from './1764810000000-opening-loans.js';
import { MembersEnteredInError1764820000000 } from './1764820000000-members-entered-in-error.js';
import { HomeCareVisitsAsActivity1764830000000 } from './1764830000000-home-care-visits-as-activity.js';
import { AnswerRevisions1764910000000 } from './1764910000000-answer-revisions.js';
import { AuditByProvince1764920000000 } from './1764920000000-audit-by-province.js';
import { ProvinceRevisions1764930000000 } from './1764930000000-province-revisions.js';
import { MembersCalledThanhVien1764940000000 } from './1764940000000-members-called-thanh-vien.js';

/** Every migration, in order. A new migration is added here and nowhere else. */
export const migrations = [
  Foundation1764000000000,
  ProvinceWorkspace1764100000000,
  HierarchyChanges1764200000000,
  ImportValidity1764250000000,
  ClubsAtWork1764300000000,
  LiveFigures1764400000000,
  LedgerFiguresFromMonth1764450000000,
  LoanPositionsByDay1764500000000,
  SignInTrust1764510000000,
  ProvinceMerges1764600000000,
  DataImports1764700000000,
  DataImportKinds1764750000000,
  OpeningBalances1764800000000,
  OpeningLoans1764810000000,
  MembersEnteredInError1764820000000,
  HomeCareVisitsAsActivity1764830000000,
  AnswerRevisions1764910000000,
  AuditByProvince1764920000000,
  ProvinceRevisions1764930000000,
  MembersCalledThanhVien1764940000000,
];
