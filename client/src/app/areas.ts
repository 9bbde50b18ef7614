import type { Role } from '../gql/graphql';

export type Area = 'national' | 'province' | 'club';

const areaByRole: Record<Role, Area> = {
  NATIONAL_ADMIN: 'national',
  NATIONAL_VIEWER: 'national',
  PROVINCE_ADMIN: 'province',
  CLUB_STAFF: 'club',
};

export function areaOfRole(role: Role): Area {
  return areaByRole[role];
}

export function areaHome(area: Area): string {
  return `/${area}`;
}

export function homeOfRole(role: Role): string {
  return areaHome(areaOfRole(role));
}

/** Paths outside every area (the account pages) are open to all roles. */
export function isPathAllowedForRole(pathname: string, role: Role): boolean {
  const firstSegment = pathname.split('/')[1] ?? '';
  const areas: readonly string[] = ['national', 'province', 'club'];
  return !areas.includes(firstSegment) || firstSegment === areaOfRole(role);
}
