import { AdminUnitKind } from '../src/admin-units/admin-unit-kind.js';
import { KIEN_LUONG_CLUB, TUC_DUYEN_CLUB, type DemoProvinceKey } from './demo-accounts.js';

export interface DemoUnit {
  /** GSO code; absent where no reliable source gives it. */
  code?: string;
  name: string;
  kind: AdminUnitKind;
  validFrom?: string;
  children?: DemoUnit[];
}

export interface DemoClub {
  name: string;
  communeCode: string;
  foundedOn?: string;
}

export interface DemoProvince {
  key: DemoProvinceKey;
  code: string;
  slug: string;
  name: string;
  validFrom?: string;
  /** A small workspace of invented data, marked as sample so no one reads it as the province's record. */
  sample: boolean;
  units: DemoUnit[];
  /** Clubs with staff accounts of their own (the rest come from demo-club-records.ts). */
  clubs: DemoClub[];
}

/** The day the 2025 reform took effect: 63 provinces became 34 and the district level ended. */
export const REFORM_DAY = '2025-07-01';

export interface DemoMerge {
  predecessors: DemoProvinceKey[];
  /** An existing demo workspace, or a new one made by the merge. */
  successor: DemoProvinceKey | { key: DemoProvinceKey; code: string; slug: string; name: string };
  effectiveOn: string;
  reason: string;
}

/** The new An Giang as the merge makes it: no units of its own beyond its root; its predecessors' units move in. */
export const NEW_AN_GIANG = { key: 'an-giang' as const, code: '91', slug: 'an-giang', name: 'An Giang' };

/*
 * The provinces merged by Resolution 202/2025/QH15 of the National Assembly (12 June 2025), from
 * 1 July 2025. The new An Giang has its seat in Rạch Giá (formerly Kiên Giang) and so takes
 * Kiên Giang's code 91; the old An Giang's 89 is retired with it. Thái Nguyên keeps its 19.
 */
export const DEMO_MERGES: DemoMerge[] = [
  {
    predecessors: ['kien-giang', 'old-an-giang'],
    successor: NEW_AN_GIANG,
    effectiveOn: REFORM_DAY,
    reason:
      'Nghị quyết số 202/2025/QH15 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh: hợp nhất tỉnh An Giang và tỉnh Kiên Giang ' +
      'thành tỉnh An Giang, trung tâm hành chính đặt tại Rạch Giá, từ ngày 01/07/2025.',
  },
  {
    predecessors: ['bac-kan'],
    successor: 'thai-nguyen',
    effectiveOn: REFORM_DAY,
    reason:
      'Nghị quyết số 202/2025/QH15 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh: hợp nhất tỉnh Bắc Kạn và tỉnh Thái Nguyên ' +
      'thành tỉnh Thái Nguyên, từ ngày 01/07/2025.',
  },
];

/*
 * The workspaces as they stood before the 1 July 2025 reform, in the order they are loaded: the
 * merges then make the 2026 map (DEMO_MERGES). The demo does not model the commune reform of the
 * same day: units keep their pre-reform form, districts included.
 *
 * Units as they stood before the 1 July 2025 reform, with the codes of the General Statistics
 * Office (cross-checked in two independent published lists of GSO codes). Names are stored
 * without their kind: "Kiên Lương" of kind TOWNSHIP reads "Thị trấn Kiên Lương".
 * Kiên Giang: every district, every commune of Kiên Lương district (the seed's Kiên Lương town
 * among them) and of Rạch Giá city. Thái Nguyên: every district and every ward and commune of
 * Thái Nguyên city, where the 2017 survey visited Túc Duyên ward.
 */
export const DEMO_PROVINCES: DemoProvince[] = [
  {
    key: 'kien-giang',
    code: '91',
    slug: 'kien-giang',
    name: 'Kiên Giang',
    sample: false,
    units: [
      {
        code: '899',
        name: 'Rạch Giá',
        kind: AdminUnitKind.PROVINCIAL_CITY,
        children: [
          { code: '30733', name: 'Vĩnh Thanh', kind: AdminUnitKind.WARD },
          { code: '30736', name: 'Vĩnh Quang', kind: AdminUnitKind.WARD },
          { code: '30739', name: 'Vĩnh Hiệp', kind: AdminUnitKind.WARD },
          { code: '30742', name: 'Vĩnh Thanh Vân', kind: AdminUnitKind.WARD },
          { code: '30745', name: 'Vĩnh Lạc', kind: AdminUnitKind.WARD },
          { code: '30748', name: 'An Hòa', kind: AdminUnitKind.WARD },
          { code: '30751', name: 'An Bình', kind: AdminUnitKind.WARD },
          { code: '30754', name: 'Rạch Sỏi', kind: AdminUnitKind.WARD },
          { code: '30757', name: 'Vĩnh Lợi', kind: AdminUnitKind.WARD },
          { code: '30760', name: 'Vĩnh Thông', kind: AdminUnitKind.WARD },
          { code: '30763', name: 'Phi Thông', kind: AdminUnitKind.COMMUNE },
        ],
      },
      {
        code: '900',
        name: 'Hà Tiên',
        kind: AdminUnitKind.PROVINCIAL_CITY,
        // Wards and communes of Hà Tiên city; their GSO codes are not in the seeds' sources, so none is given.
        children: [
          { name: 'Tô Châu', kind: AdminUnitKind.WARD },
          { name: 'Đông Hồ', kind: AdminUnitKind.WARD },
          { name: 'Bình San', kind: AdminUnitKind.WARD },
          { name: 'Pháo Đài', kind: AdminUnitKind.WARD },
          { name: 'Mỹ Đức', kind: AdminUnitKind.WARD },
          { name: 'Tiên Hải', kind: AdminUnitKind.COMMUNE },
          { name: 'Thuận Yên', kind: AdminUnitKind.COMMUNE },
        ],
      },
      {
        code: '902',
        name: 'Kiên Lương',
        kind: AdminUnitKind.RURAL_DISTRICT,
        children: [
          {
            code: '30787',
            name: 'Kiên Lương',
            kind: AdminUnitKind.TOWNSHIP,
            // Sample quarters (khu phố) for the demo club's members; real names and codes are not in the sources.
            children: [1, 2, 3, 4, 5].map((number) => ({ name: `Khu phố ${number}`, kind: AdminUnitKind.QUARTER })),
          },
          { code: '30790', name: 'Kiên Bình', kind: AdminUnitKind.COMMUNE },
          { code: '30802', name: 'Hòa Điền', kind: AdminUnitKind.COMMUNE },
          { code: '30805', name: 'Dương Hòa', kind: AdminUnitKind.COMMUNE },
          { code: '30808', name: 'Bình An', kind: AdminUnitKind.COMMUNE },
          { code: '30809', name: 'Bình Trị', kind: AdminUnitKind.COMMUNE },
          { code: '30811', name: 'Sơn Hải', kind: AdminUnitKind.COMMUNE },
          { code: '30814', name: 'Hòn Nghệ', kind: AdminUnitKind.COMMUNE },
        ],
      },
      { code: '903', name: 'Hòn Đất', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '904', name: 'Tân Hiệp', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '905', name: 'Châu Thành', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '906', name: 'Giồng Riềng', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '907', name: 'Gò Quao', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '908', name: 'An Biên', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '909', name: 'An Minh', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '910', name: 'Vĩnh Thuận', kind: AdminUnitKind.RURAL_DISTRICT },
      {
        code: '911',
        name: 'Phú Quốc',
        kind: AdminUnitKind.PROVINCIAL_CITY,
        // Wards and communes of Phú Quốc city (a city since 2021); GSO codes not given, as above.
        children: [
          { name: 'Dương Đông', kind: AdminUnitKind.WARD },
          { name: 'An Thới', kind: AdminUnitKind.WARD },
          { name: 'Cửa Cạn', kind: AdminUnitKind.COMMUNE },
          { name: 'Gành Dầu', kind: AdminUnitKind.COMMUNE },
          { name: 'Cửa Dương', kind: AdminUnitKind.COMMUNE },
          { name: 'Hàm Ninh', kind: AdminUnitKind.COMMUNE },
          { name: 'Dương Tơ', kind: AdminUnitKind.COMMUNE },
          { name: 'Bãi Thơm', kind: AdminUnitKind.COMMUNE },
          { name: 'Thổ Châu', kind: AdminUnitKind.COMMUNE },
        ],
      },
      { code: '912', name: 'Kiên Hải', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '913', name: 'U Minh Thượng', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '914', name: 'Giang Thành', kind: AdminUnitKind.RURAL_DISTRICT },
    ],
    clubs: [{ name: KIEN_LUONG_CLUB, communeCode: '30787' }],
  },
  {
    key: 'old-an-giang',
    code: '89',
    slug: 'an-giang',
    name: 'An Giang',
    sample: true,
    // A few units for the sample clubs: two districts with their GSO codes (from the same published
    // lists of GSO codes), and a few of their wards and communes, whose codes are not at hand.
    units: [
      {
        code: '883',
        name: 'Long Xuyên',
        kind: AdminUnitKind.PROVINCIAL_CITY,
        children: [
          { name: 'Mỹ Bình', kind: AdminUnitKind.WARD },
          { name: 'Mỹ Long', kind: AdminUnitKind.WARD },
          { name: 'Mỹ Xuyên', kind: AdminUnitKind.WARD },
        ],
      },
      {
        code: '890',
        name: 'Tịnh Biên',
        kind: AdminUnitKind.DISTRICT_TOWN,
        children: [
          { name: 'Tân Lập', kind: AdminUnitKind.COMMUNE },
          { name: 'An Hảo', kind: AdminUnitKind.COMMUNE },
        ],
      },
    ],
    clubs: [],
  },
  {
    key: 'bac-kan',
    code: '06',
    slug: 'bac-kan',
    name: 'Bắc Kạn',
    sample: true,
    // As for the old An Giang: two districts with their codes, a few wards and communes without.
    units: [
      {
        code: '058',
        name: 'Bắc Kạn',
        kind: AdminUnitKind.PROVINCIAL_CITY,
        children: [
          { name: 'Sông Cầu', kind: AdminUnitKind.WARD },
          { name: 'Đức Xuân', kind: AdminUnitKind.WARD },
          { name: 'Nguyễn Thị Minh Khai', kind: AdminUnitKind.WARD },
        ],
      },
      {
        code: '061',
        name: 'Ba Bể',
        kind: AdminUnitKind.RURAL_DISTRICT,
        children: [
          { name: 'Nam Mẫu', kind: AdminUnitKind.COMMUNE },
          { name: 'Khang Ninh', kind: AdminUnitKind.COMMUNE },
        ],
      },
    ],
    clubs: [],
  },
  {
    key: 'thai-nguyen',
    code: '19',
    slug: 'thai-nguyen',
    name: 'Thái Nguyên',
    sample: false,
    units: [
      {
        code: '164',
        name: 'Thái Nguyên',
        kind: AdminUnitKind.PROVINCIAL_CITY,
        children: [
          { code: '05431', name: 'Quán Triều', kind: AdminUnitKind.WARD },
          { code: '05434', name: 'Quang Vinh', kind: AdminUnitKind.WARD },
          {
            code: '05437',
            name: 'Túc Duyên',
            kind: AdminUnitKind.WARD,
            // Sample residential groups (tổ dân phố) for the demo club's members, as above.
            children: [1, 2, 3, 4, 5, 6].map((number) => ({ name: `Tổ dân phố ${number}`, kind: AdminUnitKind.RESIDENTIAL_GROUP })),
          },
          { code: '05440', name: 'Hoàng Văn Thụ', kind: AdminUnitKind.WARD },
          { code: '05443', name: 'Trưng Vương', kind: AdminUnitKind.WARD },
          { code: '05446', name: 'Quang Trung', kind: AdminUnitKind.WARD },
          { code: '05449', name: 'Phan Đình Phùng', kind: AdminUnitKind.WARD },
          { code: '05452', name: 'Tân Thịnh', kind: AdminUnitKind.WARD },
          { code: '05455', name: 'Thịnh Đán', kind: AdminUnitKind.WARD },
          { code: '05458', name: 'Đồng Quang', kind: AdminUnitKind.WARD },
          { code: '05461', name: 'Gia Sàng', kind: AdminUnitKind.WARD },
          { code: '05464', name: 'Tân Lập', kind: AdminUnitKind.WARD },
          { code: '05467', name: 'Cam Giá', kind: AdminUnitKind.WARD },
          { code: '05470', name: 'Phú Xá', kind: AdminUnitKind.WARD },
          { code: '05473', name: 'Hương Sơn', kind: AdminUnitKind.WARD },
          { code: '05476', name: 'Trung Thành', kind: AdminUnitKind.WARD },
          { code: '05479', name: 'Tân Thành', kind: AdminUnitKind.WARD },
          { code: '05482', name: 'Tân Long', kind: AdminUnitKind.WARD },
          { code: '05485', name: 'Phúc Hà', kind: AdminUnitKind.COMMUNE },
          { code: '05488', name: 'Phúc Xuân', kind: AdminUnitKind.COMMUNE },
          { code: '05491', name: 'Quyết Thắng', kind: AdminUnitKind.COMMUNE },
          { code: '05494', name: 'Phúc Trìu', kind: AdminUnitKind.COMMUNE },
          { code: '05497', name: 'Thịnh Đức', kind: AdminUnitKind.COMMUNE },
          { code: '05500', name: 'Tích Lương', kind: AdminUnitKind.WARD },
          { code: '05503', name: 'Tân Cương', kind: AdminUnitKind.COMMUNE },
          { code: '05653', name: 'Sơn Cẩm', kind: AdminUnitKind.COMMUNE },
          { code: '05659', name: 'Chùa Hang', kind: AdminUnitKind.WARD },
          { code: '05695', name: 'Cao Ngạn', kind: AdminUnitKind.COMMUNE },
          { code: '05701', name: 'Linh Sơn', kind: AdminUnitKind.COMMUNE },
          { code: '05710', name: 'Đồng Bẩm', kind: AdminUnitKind.WARD },
          { code: '05713', name: 'Huống Thượng', kind: AdminUnitKind.COMMUNE },
          { code: '05914', name: 'Đồng Liên', kind: AdminUnitKind.COMMUNE },
        ],
      },
      { code: '165', name: 'Sông Công', kind: AdminUnitKind.PROVINCIAL_CITY },
      { code: '167', name: 'Định Hóa', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '168', name: 'Phú Lương', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '169', name: 'Đồng Hỷ', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '170', name: 'Võ Nhai', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '171', name: 'Đại Từ', kind: AdminUnitKind.RURAL_DISTRICT },
      { code: '172', name: 'Phổ Yên', kind: AdminUnitKind.PROVINCIAL_CITY },
      { code: '173', name: 'Phú Bình', kind: AdminUnitKind.RURAL_DISTRICT },
    ],
    clubs: [{ name: TUC_DUYEN_CLUB, communeCode: '05437' }],
  },
];

export function demoProvince(key: DemoProvinceKey): DemoProvince {
  const province = DEMO_PROVINCES.find((candidate) => candidate.key === key);
  if (!province) throw new Error(`demo data: no province ${key}`);
  return province;
}
