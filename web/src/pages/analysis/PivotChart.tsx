import { Card, Select } from 'antd';
import { useMemo } from 'react';
import type { Dimension, Measure, StatsAnswer } from '../../api/stats';
import { MAX_LINES, pivotChartKind, pivotOption } from '../../charts/pivot';
import { EChart } from '../../components/EChart';
import { useI18n } from '../../i18n/i18n';
import { measureLabel } from './labels';

export interface PivotChartProps {
  answer: StatsAnswer;
  by: Dimension[];
  measures: Measure[];
  /** The measure drawn. */
  measure: Measure;
  othersLabel: string;
  onMeasure(measure: Measure): void;
}

/** The pivot's chart (a chunk of its own, with ECharts): one measure, lines over time or bars of the last period. */
export default function PivotChart({ answer, by, measures, measure, othersLabel, onMeasure }: PivotChartProps) {
  const { t, locale } = useI18n();
  const english = locale === 'en-US';
  const kind = pivotChartKind(answer, by);
  const option = useMemo(
    () =>
      pivotOption(answer, {
        by,
        measure,
        english,
        labels: { measure: measureLabel(t, measure), others: othersLabel, lastYear: t('analysis.lastYear') },
      }),
    [answer, by, measure, english, t, othersLabel],
  );
  const keyCount = by.length === 1 ? new Set(answer.rows.map((row) => row.keys[by[0] as Dimension]?.code)).size : 0;
  const title =
    kind === 'bar'
      ? t('analysis.chartBars', { period: answer.periods.at(-1) ?? '' })
      : keyCount > MAX_LINES
        ? t('analysis.chartLinesTop', { n: MAX_LINES })
        : t('analysis.chartLines');
  const barKeys = by.length > 0 ? new Set(answer.rows.map((row) => row.keys[by[0] as Dimension]?.code)).size : 0;
  const height = kind === 'bar' ? Math.min(640, Math.max(240, barKeys * 26 + 60)) : 320;
  return (
    <Card
      size="small"
      title={title}
      extra={
        <Select
          data-testid="analysis-chart-measure"
          size="small"
          style={{ width: 170 }}
          aria-label={t('analysis.chartMeasure')}
          value={measure}
          onChange={onMeasure}
          options={measures.map((m) => ({ value: m, label: measureLabel(t, m) }))}
        />
      }
    >
      <EChart testId="analysis-chart" option={option} style={{ height }} />
    </Card>
  );
}
