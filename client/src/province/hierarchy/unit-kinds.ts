import type { AdminUnitKind } from '../../gql/graphql';

/** Kinds by level, as the server derives levels; a unit may only stand under a lower level number. */
export const KINDS_BY_LEVEL: Record<number, AdminUnitKind[]> = {
  1: ['PROVINCE', 'MUNICIPALITY'],
  2: ['RURAL_DISTRICT', 'URBAN_DISTRICT', 'DISTRICT_TOWN', 'PROVINCIAL_CITY'],
  3: ['COMMUNE', 'WARD', 'TOWNSHIP'],
  4: ['HAMLET', 'VILLAGE', 'MOUNTAIN_VILLAGE', 'QUARTER', 'RESIDENTIAL_GROUP'],
};

/** Kinds a unit may have under a parent of this level (the 2025 reform put communes directly under provinces). */
export function kindsUnder(parentLevel: number): AdminUnitKind[] {
  return Object.entries(KINDS_BY_LEVEL)
    .filter(([level]) => Number(level) > parentLevel)
    .flatMap(([, kinds]) => kinds);
}
