import type { EntityManager } from 'typeorm';
import { Indicator, NationalPhase, NationalPhaseTarget } from './program.types.js';

interface IndicatorRow {
  id: string;
  code: string;
  name_vi: string;
  name_en: string;
  unit: Indicator['unit'];
  additive: boolean;
  definition_vi: string;
  definition_en: string;
}

function indicatorOf(row: IndicatorRow): Indicator {
  return Object.assign(new Indicator(), {
    id: row.id,
    code: row.code,
    nameVi: row.name_vi,
    nameEn: row.name_en,
    unit: row.unit,
    additive: row.additive,
    definitionVi: row.definition_vi,
    definitionEn: row.definition_en,
  });
}

export async function listIndicators(db: EntityManager): Promise<Indicator[]> {
  const rows: IndicatorRow[] = await db.query('select * from indicator order by sort_order, code');
  return rows.map(indicatorOf);
}

export async function findIndicatorsByIds(db: EntityManager, ids: readonly string[]): Promise<Indicator[]> {
  const rows: IndicatorRow[] = await db.query('select * from indicator where id = any($1)', [ids]);
  return rows.map(indicatorOf);
}

export async function listNationalPhases(db: EntityManager): Promise<NationalPhase[]> {
  const phases: Array<{
    id: string;
    decision_number: string;
    decision_date: string | null;
    decision_year: number;
    title: string;
    first_year: number;
    last_year: number;
  }> = await db.query(
    `select id, decision_number, decision_date::text, decision_year, title, first_year, last_year
       from national_phase order by first_year, decision_year`,
  );
  const targets: Array<{
    id: string;
    phase_id: string;
    indicator_id: string | null;
    comparator: NationalPhaseTarget['comparator'];
    target_value: string | null;
    by_year: number | null;
    description_vi: string;
    description_en: string;
  }> = await db.query(
    `select id, phase_id, indicator_id, comparator, target_value::text, by_year, description_vi, description_en
       from national_phase_target order by phase_id, sort_order`,
  );
  return phases.map((phase) =>
    Object.assign(new NationalPhase(), {
      id: phase.id,
      decisionNumber: phase.decision_number,
      decisionDate: phase.decision_date,
      decisionYear: phase.decision_year,
      title: phase.title,
      firstYear: phase.first_year,
      lastYear: phase.last_year,
      targets: targets
        .filter((target) => target.phase_id === phase.id)
        .map((target) =>
          Object.assign(new NationalPhaseTarget(), {
            id: target.id,
            indicatorId: target.indicator_id,
            comparator: target.comparator,
            targetValue: target.target_value,
            byYear: target.by_year,
            descriptionVi: target.description_vi,
            descriptionEn: target.description_en,
          }),
        ),
    }),
  );
}
