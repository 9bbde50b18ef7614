import type { EntityManager } from 'typeorm';
import type { DemoProvinceKey } from './demo-accounts.js';

export interface DemoReferenceFigure {
  year: number;
  kind: 'OLDER_POPULATION' | 'COMMUNES' | 'POOR_HOUSEHOLDS' | 'NEAR_POOR_HOUSEHOLDS';
  value: number;
  source: string;
  /** No published figure was at hand: an estimate for the demo, marked as such. */
  sample: boolean;
}

const SAMPLE_SOURCE = 'Số liệu mẫu: ước tính để minh họa, không phải số liệu công bố.';

/*
 * Each demo workspace's reference figures for the years it existed: the predecessors' up to 2025
 * (they stay with them as history), the merged provinces' from 2025, when the reform took effect.
 * The published figures at hand are the numbers of communes the 2025 reform's documents state;
 * everything else (older population, poor and near-poor households, communes in earlier years) is
 * an estimate from the 2019 census population and a share that grows as the population ages,
 * marked as sample.
 */
interface ProvinceBasis {
  /** Years the workspace holds figures for. */
  years: [number, number];
  /** Population of the 2019 census (or of the merged province, for the new ones). */
  population: number;
  /** Share of people 60 or over in the first year, in thousandths, and its growth a year. */
  olderShare: [number, number];
  /** Households, and shares of poor and near-poor ones in the first year (thousandths), falling a little each year. */
  households: number;
  poorShare: [number, number];
  nearPoorShare: [number, number];
  /** Communes by year where no published figure is at hand (estimates). */
  communes: number;
  /** Published numbers of communes, by year, with their source. */
  publishedCommunes: Record<number, { value: number; source: string }>;
}

const BASES: Record<DemoProvinceKey, ProvinceBasis> = {
  'kien-giang': {
    years: [2017, 2025],
    population: 1_723_067,
    olderShare: [105, 4],
    households: 450_000,
    poorShare: [45, 4],
    nearPoorShare: [35, 2],
    communes: 144,
    publishedCommunes: {
      2025: { value: 143, source: 'Hội đồng nhân dân tỉnh Kiên Giang, kỳ họp thứ 33 (28/04/2025): 143 xã, phường, thị trấn trước sắp xếp.' },
    },
  },
  'old-an-giang': {
    years: [2017, 2025],
    population: 1_908_352,
    olderShare: [115, 4],
    households: 500_000,
    poorShare: [40, 4],
    nearPoorShare: [35, 2],
    communes: 156,
    publishedCommunes: {
      2025: { value: 155, source: 'Báo Dân Việt (04/2025): tỉnh An Giang có 155 xã, phường, thị trấn trước khi hợp nhất.' },
    },
  },
  'bac-kan': {
    years: [2017, 2025],
    population: 313_905,
    olderShare: [100, 4],
    households: 80_000,
    poorShare: [220, 12],
    nearPoorShare: [90, 4],
    communes: 108,
    publishedCommunes: {
      2025: { value: 108, source: 'Hội đồng nhân dân tỉnh Bắc Kạn, kỳ họp thứ 27 (24/04/2025): 108 xã, phường trước sắp xếp.' },
    },
  },
  'thai-nguyen': {
    years: [2017, 2026],
    population: 1_286_751,
    olderShare: [120, 4],
    households: 370_000,
    poorShare: [50, 5],
    nearPoorShare: [40, 3],
    communes: 178,
    publishedCommunes: {
      2024: { value: 172, source: 'Nghị quyết số 1240/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội: 172 đơn vị hành chính cấp xã sau sắp xếp 2023–2025.' },
      2025: { value: 92, source: 'Nghị quyết số 1683/NQ-UBTVQH15 ngày 16/06/2025 của Ủy ban Thường vụ Quốc hội: tỉnh Thái Nguyên (sau hợp nhất với Bắc Kạn) có 92 xã, phường.' },
      2026: { value: 92, source: 'Nghị quyết số 1683/NQ-UBTVQH15 ngày 16/06/2025 của Ủy ban Thường vụ Quốc hội: tỉnh Thái Nguyên có 92 xã, phường.' },
    },
  },
  'an-giang': {
    years: [2025, 2026],
    population: 4_952_238,
    olderShare: [140, 4],
    households: 1_300_000,
    poorShare: [22, 2],
    nearPoorShare: [22, 1],
    communes: 102,
    publishedCommunes: {
      2025: { value: 102, source: 'Nghị quyết số 1654/NQ-UBTVQH15 ngày 16/06/2025 của Ủy ban Thường vụ Quốc hội: tỉnh An Giang có 102 đơn vị hành chính cấp xã.' },
      2026: { value: 102, source: 'Nghị quyết số 1654/NQ-UBTVQH15 ngày 16/06/2025 của Ủy ban Thường vụ Quốc hội: tỉnh An Giang có 102 đơn vị hành chính cấp xã.' },
    },
  },
};

// Thái Nguyên from 2025 is the merged province: its population and households take in Bắc Kạn's.
const MERGED_FROM: Partial<Record<DemoProvinceKey, { year: number; population: number; households: number }>> = {
  'thai-nguyen': { year: 2025, population: 1_799_489, households: 450_000 },
};

export function referenceFiguresOf(province: DemoProvinceKey): DemoReferenceFigure[] {
  const basis = BASES[province];
  const figures: DemoReferenceFigure[] = [];
  for (let year = basis.years[0]; year <= basis.years[1]; year += 1) {
    const step = year - basis.years[0];
    const merged = MERGED_FROM[province];
    const population = merged && year >= merged.year ? merged.population : basis.population;
    const households = merged && year >= merged.year ? merged.households : basis.households;
    const share = (pair: [number, number], sign: 1 | -1) => Math.max(5, pair[0] + sign * pair[1] * step);
    const published = basis.publishedCommunes[year];
    figures.push(
      published
        ? { year, kind: 'COMMUNES', value: published.value, source: published.source, sample: false }
        : { year, kind: 'COMMUNES', value: basis.communes, source: SAMPLE_SOURCE, sample: true },
      { year, kind: 'OLDER_POPULATION', value: Math.round((population * share(basis.olderShare, 1)) / 1000), source: SAMPLE_SOURCE, sample: true },
      { year, kind: 'POOR_HOUSEHOLDS', value: Math.round((households * share(basis.poorShare, -1)) / 1000), source: SAMPLE_SOURCE, sample: true },
      { year, kind: 'NEAR_POOR_HOUSEHOLDS', value: Math.round((households * share(basis.nearPoorShare, -1)) / 1000), source: SAMPLE_SOURCE, sample: true },
    );
  }
  return figures;
}

/** The workspace's reference figures, in its own scope; a figure already entered for a year is left as it is. */
export async function seedReferenceFigures(db: EntityManager, province: DemoProvinceKey): Promise<void> {
  await db.query(
    `insert into reference_figure (year, kind, value, source, sample)
     select year, kind, value, source, sample from jsonb_to_recordset($1::jsonb) as figure (year smallint, kind text, value bigint, source text, sample boolean)
     on conflict (tenant_id, year, kind) do nothing`,
    [JSON.stringify(referenceFiguresOf(province))],
  );
}
