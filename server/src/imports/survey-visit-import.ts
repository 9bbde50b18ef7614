import { MoreThan, type EntityManager } from 'typeorm';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { dateOfCell, foldForMatching } from '../admin-units/admin-unit.csv.js';
import { todayInVietnam } from '../calendar.js';
import type { SaveSurveyVisitInput } from '../surveys/survey.inputs.js';
import { findSurveysByIds, listVisitsOfSurveys, saveSurveyVisit } from '../surveys/survey.service.js';
import type { SurveyVisit } from '../surveys/survey.types.js';
import { optionalText } from '../text.js';
import { IMPORT_COLUMNS } from './import-columns.js';
import type { FileRow } from './import-file.js';
import type { CheckedRow, ImportChange, ImportHandler } from './import-kind.js';

/**
 * A visit row as checked: what the survey service takes for one visit, with the version of the
 * visit the preview compared it with, so that a visit changed since the preview is not overwritten.
 */
export type SurveyVisitFields = Required<Omit<SaveSurveyVisitInput, 'id' | 'surveyId'>>;

type VisitField = Exclude<keyof SurveyVisitFields, 'unitId' | 'version'>;
type TextField = 'participants' | 'clubActivity' | 'difficulties' | 'proposals';

/** Each column's template header, as problems and changes name it. */
const COLUMN = Object.fromEntries(IMPORT_COLUMNS['survey-visits'].map((column) => [column.key, column.header])) as Record<
  VisitField | 'unit',
  string
>;

/** The database's limits on each text (survey_visit's checks). */
const TEXT_LIMIT: Record<TextField, number> = { participants: 2000, clubActivity: 5000, difficulties: 5000, proposals: 5000 };

// Field forms answer a yes/no question with the choice's name ("yes", "1") or its label ("Có").
const YES = new Set(['co', 'x', 'y', 'yes', 'true', '1']);
const NO = new Set(['khong', 'chua', 'n', 'no', 'false', '0']);

/** The most clubs a unit is recorded with (the database's check). */
const MOST_CLUBS = 10_000;

function dayText(day: string | null): string | null {
  return day ? day.split('-').reverse().join('/') : null;
}

/**
 * The day a cell names: dd/mm/yyyy or yyyy-mm-dd, as a spreadsheet or the template has it, or a
 * moment as field forms export it ("2017-07-24T09:15:00.000+07:00"), read as the day in Vietnam.
 * Null for an empty cell, undefined for one that names no day.
 */
function dayOfCell(cell: string): string | null | undefined {
  const moment = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(cell);
  if (!moment) return dateOfCell(cell.replace(/^(\d{1,2}\/\d{1,2}\/\d{4}) \d{1,2}:\d{2}(:\d{2})?$/, '$1'));
  if (!dateOfCell(moment[1])) return undefined;
  if (!moment[4]) return moment[1];
  const instant = new Date(cell);
  return Number.isNaN(instant.getTime()) ? undefined : todayInVietnam(instant);
}

function inForceOn(unit: AdminUnit, day: string): boolean {
  return (!unit.validFrom || unit.validFrom <= day) && (!unit.validTo || unit.validTo >= day);
}

/** Why a unit cannot have been visited on a day it was not in force. */
function notInForce(unit: AdminUnit, day: string): string {
  const name = unit.code ? `${unit.fullName()} (mã ${unit.code})` : unit.fullName();
  return unit.validTo && unit.validTo < day
    ? `${name} chỉ có đến ngày ${dayText(unit.validTo)}, trước ngày khảo sát ${dayText(day)}`
    : `${name} có từ ngày ${dayText(unit.validFrom)}, sau ngày khảo sát ${dayText(day)}`;
}

/**
 * Checks the rows of a survey's visits file against the survey and the province's units: each row is
 * one visited unit (by its code, or by its name with or without its kind, accents aside, among the
 * units in force on the day of the visit), visited on a day of the survey's period; a unit the survey
 * has visited already is updated, or left unchanged, and a unit twice in the file is a problem.
 */
export async function checkSurveyVisitRows(db: EntityManager, rows: FileRow[], surveyId: string): Promise<Array<CheckedRow<SurveyVisitFields>>> {
  const [survey] = await findSurveysByIds(db, [surveyId]);
  if (!survey) throw new Error(`survey ${surveyId} not found`);
  // Every unit below the province, retired ones too: a survey years ago visited the units of its day.
  const units = await db.find(AdminUnit, { where: { level: MoreThan(1) }, order: { sortKey: 'ASC' } });
  // By name with and without its kind, and by code without leading zeros: a spreadsheet may have
  // taken a code for a number and dropped them.
  const unitsByName = new Map<string, AdminUnit[]>();
  const unitsByNumber = new Map<string, AdminUnit[]>();
  const add = (index: Map<string, AdminUnit[]>, key: string, unit: AdminUnit) => index.set(key, [...(index.get(key) ?? []), unit]);
  for (const unit of units) {
    for (const name of new Set([foldForMatching(unit.name), foldForMatching(unit.fullName())])) add(unitsByName, name, unit);
    if (unit.code) add(unitsByNumber, unit.code.replace(/^0+/, ''), unit);
  }
  const visitByUnit = new Map((await listVisitsOfSurveys(db, [surveyId])).map((visit) => [visit.unitId, visit]));
  const unitsInFile = new Map<string, number>();
  const today = todayInVietnam();

  return rows.map((row): CheckedRow<SurveyVisitFields> => {
    const problems: CheckedRow['problems'] = [];
    const value = (field: string) => row.values[field] ?? '';

    // The day comes first: a unit is looked for among those in force on it.
    const visitedOn = dayOfCell(value('visitedOn'));
    let dayProblem: string | null = null;
    if (!value('visitedOn')) dayProblem = 'chưa ghi ngày khảo sát';
    else if (!visitedOn) dayProblem = `"${value('visitedOn')}" không phải ngày dạng dd/mm/yyyy`;
    else if (visitedOn > today) dayProblem = 'là ngày trong tương lai';
    else if (visitedOn < survey.startedOn || (survey.endedOn && visitedOn > survey.endedOn)) {
      const period = survey.endedOn ? `từ ${dayText(survey.startedOn)} đến ${dayText(survey.endedOn)}` : `bắt đầu từ ${dayText(survey.startedOn)}`;
      dayProblem = `ngày ${dayText(visitedOn)} ở ngoài thời gian của đợt khảo sát (${period})`;
    }

    const unit = unitOfRow(value('unit'), visitedOn ?? today, unitsByNumber, unitsByName, (message) => problems.push({ column: COLUMN.unit, message }));
    if (unit) {
      const earlier = unitsInFile.get(unit.id);
      if (earlier) problems.push({ column: COLUMN.unit, message: `${unit.fullName()} đã có ở dòng ${earlier} của tệp (mỗi đơn vị một dòng)` });
      else unitsInFile.set(unit.id, row.rowNumber);
    }
    if (dayProblem) problems.push({ column: COLUMN.visitedOn, message: dayProblem });

    let clubsFound: number | null = null;
    const clubsText = value('clubsFound').replace(/\s/g, '');
    if (clubsText && !/^\d+$/.test(clubsText)) problems.push({ column: COLUMN.clubsFound, message: `ghi một số nguyên từ 0 trở lên, không phải "${value('clubsFound')}"` });
    else if (clubsText && Number(clubsText) > MOST_CLUBS) problems.push({ column: COLUMN.clubsFound, message: `${clubsText} là quá nhiều (nhiều nhất 10.000)` });
    else if (clubsText) clubsFound = Number(clubsText);

    const ready = foldForMatching(value('readyForClub'));
    const readyForClub = !ready ? null : YES.has(ready) ? true : NO.has(ready) ? false : null;
    if (ready && readyForClub === null) problems.push({ column: COLUMN.readyForClub, message: `ghi "Có", "Không" hoặc để trống, không phải "${value('readyForClub')}"` });

    const texts = {} as Record<TextField, string | null>;
    for (const field of Object.keys(TEXT_LIMIT) as TextField[]) {
      texts[field] = optionalText(value(field));
      if ((texts[field]?.length ?? 0) > TEXT_LIMIT[field]) {
        problems.push({ column: COLUMN[field], message: `dài quá ${String(TEXT_LIMIT[field]).replace(/\B(?=(\d{3})+$)/g, '.')} ký tự` });
      }
    }

    const visit = unit ? visitByUnit.get(unit.id) : undefined;
    const answers = { visitedOn: visitedOn ?? null, clubsFound, readyForClub, ...texts };
    const fields: SurveyVisitFields = { unitId: unit?.id ?? '', ...answers, version: visit?.version ?? null };
    // A column the file does not have leaves the visit's answer as it is: a form may not ask every question.
    for (const field of Object.keys(answers) as VisitField[]) {
      if (visit && !(field in row.values)) Object.assign(fields, { [field]: visit[field] });
    }
    const checked = { rowNumber: row.rowNumber, clubId: null, label: unit ? unit.fullName() : value('unit'), fields, problems, warnings: [] };
    if (problems.length) return { ...checked, action: 'PROBLEM', targetId: visit?.id ?? null, changes: [] };
    if (!visit) return { ...checked, action: 'NEW', targetId: null, changes: [] };
    const changes = changesOf(visit, fields);
    return { ...checked, action: changes.length ? 'UPDATE' : 'UNCHANGED', targetId: visit.id, changes };
  });
}

/**
 * The unit a row names, by code (written in full, or without the leading zeros a spreadsheet drops)
 * or by name among the units in force on the day; or nothing, with the problem said.
 */
function unitOfRow(
  text: string,
  day: string,
  unitsByNumber: Map<string, AdminUnit[]>,
  unitsByName: Map<string, AdminUnit[]>,
  problem: (message: string) => void,
): AdminUnit | null {
  if (!text) {
    problem('chưa ghi đơn vị khảo sát (mã hoặc tên)');
    return null;
  }
  if (/^\d+$/.test(text)) {
    const numbered = unitsByNumber.get(text.replace(/^0+/, '')) ?? [];
    const exact = numbered.filter((unit) => unit.code === text);
    const coded = exact.length ? exact : numbered;
    if (coded.length > 1) {
      problem(`mã "${text}" có thể là ${coded.map((unit) => `${unit.fullName()} (mã ${unit.code})`).join(' hoặc ')}: ghi đủ mã, kể cả số 0 ở đầu`);
      return null;
    }
    if (!coded.length) {
      problem(`không có đơn vị mã ${text} trong tỉnh`);
      return null;
    }
    if (!inForceOn(coded[0], day)) {
      problem(notInForce(coded[0], day));
      return null;
    }
    return coded[0];
  }
  const named = unitsByName.get(foldForMatching(text)) ?? [];
  const inForce = named.filter((unit) => inForceOn(unit, day));
  if (inForce.length > 1) {
    const listed = inForce.map((unit) => (unit.code ? `${unit.fullName()}, mã ${unit.code}` : unit.fullName())).join('; ');
    problem(`có ${inForce.length} đơn vị tên "${text}" (${listed}): ghi mã đơn vị${inForce.every((unit) => unit.code) ? '' : ' hoặc tên kèm cấp, ví dụ "Xã …"'}`);
    return null;
  }
  if (!inForce.length) {
    problem(named.length ? notInForce(named[0], day) : `không có đơn vị "${text}" trong tỉnh`);
    return null;
  }
  return inForce[0];
}

/** What a row changes of the unit's visit, each by its template header, in the words people read. */
function changesOf(visit: SurveyVisit, fields: SurveyVisitFields): ImportChange[] {
  const yesNo = (value: boolean | null) => (value === null ? null : value ? 'Có' : 'Không');
  const shown: Array<[VisitField, (value: SurveyVisit | SurveyVisitFields) => string | null]> = [
    ['visitedOn', (value) => dayText(value.visitedOn)],
    ['participants', (value) => value.participants],
    ['clubsFound', (value) => (value.clubsFound === null ? null : String(value.clubsFound))],
    ['clubActivity', (value) => value.clubActivity],
    ['difficulties', (value) => value.difficulties],
    ['proposals', (value) => value.proposals],
    ['readyForClub', (value) => yesNo(value.readyForClub)],
  ];
  return shown
    .map(([field, text]) => ({ field, column: COLUMN[field], from: text(visit), to: text(fields) }))
    .filter((change) => change.from !== change.to);
}

/**
 * Survey visits: a province admin's, for one survey. Each new row adds the unit's visit and each
 * changed one updates it through the survey service, with its checks, its audit and its versions: a
 * visit changed since the preview makes the commit CONFLICT, and nothing is written.
 */
export const surveyVisitImport: ImportHandler<SurveyVisitFields> = {
  kind: 'survey-visits',
  needsSurvey: true,
  provinceOnly: true,
  check: (db, rows, target) => checkSurveyVisitRows(db, rows, target.surveyId!),
  async apply(db, requestId, rows, target) {
    for (const row of rows) {
      const id = row.action === 'UPDATE' ? row.targetId : null;
      await saveSurveyVisit(db, requestId, { ...row.fields, surveyId: target.surveyId!, id, version: id ? row.fields.version : null });
    }
  },
};
