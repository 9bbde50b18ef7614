import { registerEnumType } from 'type-graphql';

export enum Role {
  NATIONAL_ADMIN = 'NATIONAL_ADMIN',
  NATIONAL_VIEWER = 'NATIONAL_VIEWER',
  PROVINCE_ADMIN = 'PROVINCE_ADMIN',
  CLUB_STAFF = 'CLUB_STAFF',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What an account may do, and over which scope.',
  valuesConfig: {
    NATIONAL_ADMIN: { description: 'National office administrator: provinces, national reference data.' },
    NATIONAL_VIEWER: { description: 'National office: reads every province, writes nothing.' },
    PROVINCE_ADMIN: { description: 'Administers one province workspace.' },
    CLUB_STAFF: { description: 'Runs one club of one province.' },
  },
});

export const NATIONAL_ROLES = [Role.NATIONAL_ADMIN, Role.NATIONAL_VIEWER] as const;

/** The database role a request runs as, by account role. */
export const DATABASE_ROLE_BY_ROLE: Record<Role, string> = {
  [Role.NATIONAL_ADMIN]: 'ishc_national_admin',
  [Role.NATIONAL_VIEWER]: 'ishc_national',
  [Role.PROVINCE_ADMIN]: 'ishc_province',
  [Role.CLUB_STAFF]: 'ishc_club',
};

export const ANONYMOUS_DATABASE_ROLE = 'ishc_anonymous';
