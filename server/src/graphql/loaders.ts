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

type Db = () => Promise<EntityManager>;

const factories = [
  createAdminUnitLoaders,
  createClubLoaders,
  createTenantLoaders,
  createProgramLoaders,
  createSchemeLoaders,
  createMemberLoaders,
  createLoanLoaders,
  createLedgerLoaders,
  createActivityLoaders,
  createFigureLoaders,
] as const;

type Intersection<T> = (T extends unknown ? (value: T) => void : never) extends (value: infer I) => void ? I : never;
export type Loaders = Intersection<ReturnType<(typeof factories)[number]>>;

/**
 * A request's loaders, each module's made on first use: most requests use one or two of the
 * modules, and making all of them (some thirty DataLoaders) for every request is wasted work.
 */
class RequestLoaders {
  readonly made: Array<Record<string, unknown> | undefined> = [];

  constructor(readonly db: Db) {}
}

// Which module makes which loader, learned once from loaders that are made and never used.
const notUsed: Db = () => Promise.reject(new Error('never used'));
factories.forEach((factory, index) => {
  for (const name of Object.keys(factory(notUsed))) {
    if (name in RequestLoaders.prototype) throw new Error(`two modules make a loader named ${name}`);
    Object.defineProperty(RequestLoaders.prototype, name, {
      get(this: RequestLoaders) {
        this.made[index] ??= factory(this.db) as Record<string, unknown>;
        return this.made[index][name];
      },
    });
  }
});

/** Fresh loaders for every request: a loader's cache must never outlive the request's scope. */
export function createLoaders(db: Db): Loaders {
  return new RequestLoaders(db) as unknown as Loaders;
}
