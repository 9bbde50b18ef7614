import type { EntityManager } from 'typeorm';
import { createActivityLoaders } from '../activities/activity.loaders.js';
import { createAdminUnitLoaders } from '../admin-units/admin-unit.loaders.js';
import { createClubLoaders } from '../clubs/club.loaders.js';
import { createFigureLoaders } from '../figures/figure.loaders.js';
import { createLedgerLoaders } from '../funds/ledger.loaders.js';
import { createLoanLoaders } from '../loans/loan.loaders.js';
import { createMemberLoaders } from '../members/member.loaders.js';
import { createProgramLoaders } from '../program/program.loaders.js';
import { createSchemeLoaders } from '../schemes/scheme.loaders.js';
import { createTenantLoaders } from '../tenants/tenant.loaders.js';

/** Fresh loaders for every request: a loader's cache must never outlive the request's scope. */
export function createLoaders(db: () => Promise<EntityManager>) {
  return {
    ...createAdminUnitLoaders(db),
    ...createClubLoaders(db),
    ...createTenantLoaders(db),
    ...createProgramLoaders(db),
    ...createSchemeLoaders(db),
    ...createMemberLoaders(db),
    ...createLoanLoaders(db),
    ...createLedgerLoaders(db),
    ...createActivityLoaders(db),
    ...createFigureLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
