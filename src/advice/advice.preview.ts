import { requireTownGrant } from '../auth/index.js';
import { invalidField, notFound } from '../core/errors.js';
import { addWeeks, dayOf, isoWeekOf, parseWeek } from '../core/time/index.js';
import { parseInput } from '../core/validation.js';
import { listPlaces, type PlaceRow, requirePlace } from '../places/index.js';
import type { Db } from '../store/database.js';
import type { WarningSituation } from '../store/tables/warnings.js';
import { type AdviceFacts, renderAdvice } from './advice.drafter.js';
import { loadAdviceLibrary } from './advice.library.js';
import { type PreviewInput, type PreviewResult, previewSchema, type TownQuery } from './advice.schema.js';
import { type AdviceActorDeps, requireAdviceTown } from './advice.service.js';
import type { LocalName } from './advice.template.js';

/** The sample figures of a preview, where the caller gives none. */
const SAMPLE = {
  observed: 12,
  expected: 4.2,
  upperBound: 8.6,
  terms: ['预付卡', '退费难'],
  slopePerWeek: 1.4,
  overdue: 9,
};

const nameOf = (place: PlaceRow): LocalName => ({ zh: place.name, en: place.name_en ?? place.name });

/** A place of the town as the preview's place or one of its villages: the town itself or one of its villages. */
async function placeOfTown(
  db: Db,
  town: PlaceRow,
  code: string,
  field: string,
  villageOnly: boolean,
): Promise<PlaceRow> {
  const place = await requirePlace(db, code, field);
  const ok = place.level === 'village' ? place.town_id === town.id : !villageOnly && place.id === town.id;
  if (!ok) {
    throw invalidField(
      field,
      `"${code}" is not ${villageOnly ? 'a village' : 'the town or a village'} of ${town.code}`,
    );
  }
  return place;
}

/**
 * Fill a template with sample or given facts, as a warning would get it: the template under `code` (any, also one
 * switched off), else the one the library chooses for the facts; texts in `template` stand in for its own (an edit
 * not yet saved). Facts left out are samples: a village of the town (the town for a spread or a backlog), this week,
 * 12 records against 4.2 expected … Needs `warnings:read` somewhere in the town.
 */
export async function previewAdvice(
  deps: AdviceActorDeps,
  query: TownQuery,
  input: PreviewInput,
): Promise<PreviewResult> {
  const data = parseInput(previewSchema, input);
  const given = data.facts ?? {};
  const town = await requireAdviceTown(deps.db, query);
  requireTownGrant(deps.actor, 'warnings:read', town.id);
  const library = await loadAdviceLibrary(deps.db, town.id);
  const base = data.code === undefined ? undefined : library.templates.find((t) => t.code === data.code);
  if (data.code !== undefined && !base) {
    throw notFound('advice template', `${data.code} of town ${town.code}`);
  }
  const situation: WarningSituation = given.situation ?? base?.situation ?? 'village_surge';
  const categoryCode = given.categoryCode !== undefined ? given.categoryCode : (base?.categoryCode ?? null);
  const categoryId = categoryCode === null ? null : library.categoryId(categoryCode);
  if (categoryId === undefined) {
    throw invalidField('facts.categoryCode', `unknown category "${categoryCode}"`);
  }

  const villages = await listPlaces(deps.db, { level: 'village', withinId: town.id });
  const townWide = situation === 'spread' || situation === 'overdue_backlog';
  const place = given.placeCode
    ? await placeOfTown(deps.db, town, given.placeCode, 'facts.placeCode', false)
    : townWide
      ? town
      : (villages[0] ?? town);
  const villageRows: PlaceRow[] = [];
  for (const [index, code] of (given.villageCodes ?? []).entries()) {
    villageRows.push(await placeOfTown(deps.db, town, code, `facts.villageCodes.${index}`, true));
  }
  if (given.villageCodes === undefined) {
    villageRows.push(...(situation === 'spread' ? villages.slice(0, 3) : place.level === 'village' ? [place] : []));
  }

  const week =
    given.week === undefined ? isoWeekOf(dayOf(deps.now?.() ?? Date.now())) : parseWeek(given.week, 'facts.week');
  const sinceWeek =
    given.sinceWeek === undefined
      ? addWeeks(week, situation === 'slow_rise' ? -5 : -1)
      : parseWeek(given.sinceWeek, 'facts.sinceWeek');
  if (sinceWeek > week) {
    throw invalidField('facts.sinceWeek', `must not come after week (${week})`);
  }
  const facts: AdviceFacts = {
    situation,
    categoryId,
    category: library.categoryName(categoryId),
    place: nameOf(place),
    villages: villageRows.map(nameOf),
    week,
    sinceWeek,
    observed: given.observed ?? SAMPLE.observed,
    expected: given.expected !== undefined ? given.expected : SAMPLE.expected,
    upperBound: given.upperBound !== undefined ? given.upperBound : SAMPLE.upperBound,
    terms: given.terms ?? SAMPLE.terms,
    slopePerWeek: given.slopePerWeek !== undefined ? given.slopePerWeek : SAMPLE.slopePerWeek,
    overdue: given.overdue !== undefined ? given.overdue : SAMPLE.overdue,
  };
  const template = { ...(base ?? library.choose(situation, categoryId)), ...data.template };
  const department = library.department(categoryId);
  const drafted = renderAdvice(template, facts, department);
  return {
    code: drafted.code,
    title: drafted.title,
    titleEn: drafted.titleEn,
    advice: drafted.advice,
    adviceEn: drafted.adviceEn,
    department: department ? { code: department.code, name: department.name.zh, nameEn: department.name.en } : null,
    facts: {
      situation,
      categoryCode,
      placeCode: place.code,
      villageCodes: villageRows.map((row) => row.code),
      week,
      sinceWeek,
      observed: facts.observed,
      expected: facts.expected,
      upperBound: facts.upperBound,
      terms: facts.terms,
      slopePerWeek: facts.slopePerWeek,
      overdue: facts.overdue,
    },
  };
}
