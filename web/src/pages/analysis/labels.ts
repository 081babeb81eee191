import { type Dimension, type Measure, measureKind, type StatsPeriod } from '../../api/stats';
import type { Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import type { Comparison, RecordKind, Source, ValueColumn } from './analysis.model';

/* The names of the pivot's parts in the user's language (messages.ts holds them under analysis.*). */

export const measureLabel = (t: Translate, measure: Measure) => t(`analysis.measure.${measure}` as MessageKey);
export const dimensionLabel = (t: Translate, dimension: Dimension) => t(`analysis.dim.${dimension}` as MessageKey);
export const periodKindLabel = (t: Translate, kind: StatsPeriod) => t(`analysis.periodKind.${kind}` as MessageKey);
export const comparisonLabel = (t: Translate, comparison: Comparison) =>
  t(`analysis.compare.${comparison}` as MessageKey);
export const sourceLabel = (t: Translate, source: Source) => t(`analysis.source.${source}` as MessageKey);
export const kindLabel = (t: Translate, kind: RecordKind) => t(`analysis.kind.${kind}` as MessageKey);

/** A value column's heading within its measure's group (a rate's change is in percentage points). */
export function partLabel(t: Translate, column: ValueColumn): string {
  switch (column.part) {
    case 'value':
      return t('analysis.value');
    case 'share':
      return t('analysis.share');
    case 'yoy':
    case 'pop':
      return `${comparisonLabel(t, column.part)}${measureKind(column.measure) === 'rate' ? t('analysis.points') : ''}`;
  }
}
