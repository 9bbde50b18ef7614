import { registerEnumType } from 'type-graphql';

export enum AdminUnitKind {
  PROVINCE = 'PROVINCE',
  MUNICIPALITY = 'MUNICIPALITY',
  RURAL_DISTRICT = 'RURAL_DISTRICT',
  URBAN_DISTRICT = 'URBAN_DISTRICT',
  DISTRICT_TOWN = 'DISTRICT_TOWN',
  PROVINCIAL_CITY = 'PROVINCIAL_CITY',
  COMMUNE = 'COMMUNE',
  WARD = 'WARD',
  TOWNSHIP = 'TOWNSHIP',
  HAMLET = 'HAMLET',
  VILLAGE = 'VILLAGE',
  MOUNTAIN_VILLAGE = 'MOUNTAIN_VILLAGE',
  QUARTER = 'QUARTER',
  RESIDENTIAL_GROUP = 'RESIDENTIAL_GROUP',
}

/** The Vietnamese word for each kind, as it stands before the unit's name ("Thị trấn Kiên Lương"). */
export const VIETNAMESE_KIND_PREFIX: Record<AdminUnitKind, string> = {
  PROVINCE: 'Tỉnh',
  MUNICIPALITY: 'Thành phố',
  RURAL_DISTRICT: 'Huyện',
  URBAN_DISTRICT: 'Quận',
  DISTRICT_TOWN: 'Thị xã',
  PROVINCIAL_CITY: 'Thành phố',
  COMMUNE: 'Xã',
  WARD: 'Phường',
  TOWNSHIP: 'Thị trấn',
  HAMLET: 'Ấp',
  VILLAGE: 'Thôn',
  MOUNTAIN_VILLAGE: 'Bản',
  QUARTER: 'Khu phố',
  RESIDENTIAL_GROUP: 'Tổ dân phố',
};

/**
 * A unit's name with its kind, as official documents write it ("Thị trấn Kiên Lương"). Many quarters
 * and residential groups are named by number with their kind already ("Khu phố 1"): such a name
 * stands as it is, never "Khu phố Khu phố 1".
 */
export function fullNameOf(kind: AdminUnitKind, name: string): string {
  const prefix = VIETNAMESE_KIND_PREFIX[kind];
  return `${folded(name)} `.startsWith(`${folded(prefix)} `) ? name : `${prefix} ${name}`;
}

/** Lower case without accents: "KHU PHO 1" and "khu phố 1" begin with the same kind. */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/giu, 'd').toLowerCase();
}

registerEnumType(AdminUnitKind, {
  name: 'AdminUnitKind',
  description: 'Kind of administrative unit. Level 1: province; 2: district; 3: commune; 4: hamlet.',
  valuesConfig: {
    PROVINCE: { description: 'Tỉnh (province), level 1.' },
    MUNICIPALITY: { description: 'Thành phố trực thuộc trung ương (centrally governed city), level 1.' },
    RURAL_DISTRICT: { description: 'Huyện (rural district), level 2.' },
    URBAN_DISTRICT: { description: 'Quận (urban district), level 2.' },
    DISTRICT_TOWN: { description: 'Thị xã (district-level town), level 2.' },
    PROVINCIAL_CITY: { description: 'Thành phố thuộc tỉnh (provincial city), level 2.' },
    COMMUNE: { description: 'Xã (rural commune), level 3.' },
    WARD: { description: 'Phường (urban ward), level 3.' },
    TOWNSHIP: { description: 'Thị trấn (commune-level town), level 3.' },
    HAMLET: { description: 'Ấp (hamlet, in the south), level 4.' },
    VILLAGE: { description: 'Thôn (village), level 4.' },
    MOUNTAIN_VILLAGE: { description: 'Bản (village of the mountain regions), level 4.' },
    QUARTER: { description: 'Khu phố (urban quarter), level 4.' },
    RESIDENTIAL_GROUP: { description: 'Tổ dân phố (residential group), level 4.' },
  },
});

/** Level of a kind, as the database's generated column computes it. */
export function levelOfKind(kind: AdminUnitKind): number {
  switch (kind) {
    case AdminUnitKind.PROVINCE:
    case AdminUnitKind.MUNICIPALITY:
      return 1;
    case AdminUnitKind.RURAL_DISTRICT:
    case AdminUnitKind.URBAN_DISTRICT:
    case AdminUnitKind.DISTRICT_TOWN:
    case AdminUnitKind.PROVINCIAL_CITY:
      return 2;
    case AdminUnitKind.COMMUNE:
    case AdminUnitKind.WARD:
    case AdminUnitKind.TOWNSHIP:
      return 3;
    default:
      return 4;
  }
}
