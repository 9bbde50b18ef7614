import type { EntityManager } from 'typeorm';
import type { Context } from '../graphql/context.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';
import { Role } from '../users/role.js';

/**
 * The club a club-level operation acts on. Club staff act on their own club (asking for another
 * reads as "not found", as the database scope would answer); a province admin names the club.
 * The database policies enforce the same again.
 */
export function clubOf(context: Context, requested: string | null | undefined): string {
  const viewer = context.viewer;
  if (!viewer) throw forbidden();
  if (viewer.role === Role.CLUB_STAFF) {
    if (!viewer.clubId) throw forbidden();
    if (requested && requested !== viewer.clubId) throw notFound('Club');
    return viewer.clubId;
  }
  if (viewer.role === Role.PROVINCE_ADMIN) {
    if (!requested) throw badInput([{ field: 'clubId', message: 'choose a club' }]);
    return requested;
  }
  throw forbidden('Club records are kept inside the province; national accounts see aggregates only.');
}

export const CLUB_ROLES = [Role.CLUB_STAFF, Role.PROVINCE_ADMIN];

export interface ClubOnRecord {
  id: string;
  name: string;
  status: string;
  foundedOn: string | null;
  maxActiveLoansPerMember: number;
}

/** The club, if visible in this scope; refuses writes to a dissolved club. */
export async function requireClub(db: EntityManager, clubId: string, forWriting = true): Promise<ClubOnRecord> {
  const rows: Array<{ id: string; name: string; status: string; founded_on: string | null; max_active_loans_per_member: number }> =
    await db.query(
      `select id, name, status, founded_on::text as founded_on, max_active_loans_per_member from club where id = $1`,
      [clubId],
    );
  const row = rows[0];
  if (!row) throw notFound('Club');
  if (forWriting && row.status === 'DISSOLVED') throw badInput([{ field: 'clubId', message: 'the club is dissolved; its records are closed' }]);
  return { id: row.id, name: row.name, status: row.status, foundedOn: row.founded_on, maxActiveLoansPerMember: row.max_active_loans_per_member };
}
