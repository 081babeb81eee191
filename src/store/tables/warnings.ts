import type { Generated } from 'kysely';

export type WarningType = 'outbreak' | 'trend' | 'emerging' | 'backlog';
/** The situations the advice library has templates for (src/advice). */
export type WarningSituation = 'village_surge' | 'spread' | 'slow_rise' | 'new_term' | 'overdue_backlog';
export type WarningSeverity = 'red' | 'orange' | 'yellow' | 'blue';
export type WarningStatus = 'new' | 'acknowledged' | 'rectifying' | 'closed' | 'dismissed';

/**
 * One warning: a real issue the engine found (src/warnings/engine), with what it found (observed, expected, bound,
 * the methods that agree, facts and sample records, all refreshed while the episode lasts) and where it stands in
 * its lifecycle (status, owner, due day, actions, result or dismissal reason, changed only by people).
 */
export interface WarningTable {
  id: Generated<number>;
  town_id: number;
  /** `type:category:place:since_week`, unique within the town: running the engine again updates, never duplicates. */
  key: string;
  type: WarningType;
  situation: WarningSituation;
  /** ISO week (YYYYWW) the episode began and the latest week it was seen in. */
  since_week: number;
  week: number;
  category_id: number | null;
  /** The most specific place covering the issue: a village, or the town when it spreads over several. */
  place_id: number;
  /** The department the advice names (from the departments' responsibilities), if any answers for the category. */
  department_id: number | null;
  severity: WarningSeverity;
  score: number;
  observed: number;
  expected: number | null;
  upper_bound: number | null;
  /** JSON: the methods that alarmed and their figures. */
  methods: string;
  /** JSON: everything the summary and advice were written from (villages, terms, slope, counts by week…). */
  facts: string;
  /** JSON: sample records `{ kind, id }`. */
  samples: string;
  summary: string;
  summary_en: string;
  /** The advice template used (its code), and the advice it gave, filled with the facts. */
  advice_code: string | null;
  advice: string;
  advice_en: string;
  status: WarningStatus;
  owner: string | null;
  /** YYYY-MM-DD the rectification is due. */
  due_day: string | null;
  actions: string | null;
  result: string | null;
  dismiss_reason: string | null;
  detected_at: number;
  created_at: number;
  updated_at: number;
}

/** The villages a warning concerns: a village's users see the warnings of their village. */
export interface WarningVillageTable {
  warning_id: number;
  village_id: number;
}

/** One step of a warning's history: detected, refreshed, a status change, a promotion to problem of the month. */
export interface WarningEventTable {
  id: Generated<number>;
  warning_id: number;
  at: number;
  action: string;
  from_status: WarningStatus | null;
  to_status: WarningStatus;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  note: string | null;
  /** JSON. */
  details: Generated<string>;
}

/** One run of the engine over a town. */
export interface WarningRunTable {
  id: Generated<number>;
  town_id: number;
  week: number;
  trigger: 'import' | 'schedule' | 'cli' | 'api';
  started_at: number;
  finished_at: number | null;
  series: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  error: string | null;
}

/** 每月一题: a warning the town takes on as its problem of the month, with an owner and a plan. */
export interface MonthlyProblemTable {
  id: Generated<number>;
  town_id: number;
  /** YYYY-MM. */
  month: string;
  warning_id: number;
  title: string;
  owner: string;
  plan: string;
  status: 'open' | 'done';
  outcome: string | null;
  created_at: number;
  updated_at: number;
}

/** A town's advice template: its own, or its edit of a built-in one (same code). */
export interface AdviceTemplateTable {
  id: Generated<number>;
  town_id: number;
  code: string;
  category_code: string | null;
  situation: WarningSituation;
  title: string;
  title_en: string;
  body: string;
  body_en: string;
  active: Generated<number>;
  created_at: number;
  updated_at: number;
}

/** The terms of a complaint's text (termsOf), as of its `updated_at`: the engine's cache of recent weeks. */
export interface ComplaintTermsTable {
  complaint_id: number;
  town_id: number;
  week: number;
  updated_at: number;
  /** The dictionary that segmented them: 'builtin' or `words:<sha256 of the words file>`. */
  dictionary: string;
  /** 1 when the text repeats an earlier complaint (再次反映…). */
  repeat: number;
  /** JSON array of terms. */
  terms: string;
}
