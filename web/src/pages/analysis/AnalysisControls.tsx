import { Button, Card, Checkbox, Flex, Segmented, Select, Space, Switch, Tooltip, TreeSelect, Typography } from 'antd';
import type { ReactNode } from 'react';
import { categoryOptions, fetchCategoryTree } from '../../api/categories';
import { fetchDepartments } from '../../api/departments';
import { fetchPlaces } from '../../api/places';
import { DIMENSIONS, MEASURES, type Measure, measureKind, SOURCES, type StatsPeriod } from '../../api/stats';
import { useQuery } from '../../api/useQuery';
import { useI18n } from '../../i18n/i18n';
import { type AnalysisState, type Comparison, PERIOD_KINDS, PICKER_DEPTH, periodsBack } from './analysis.model';
import { comparisonLabel, dimensionLabel, kindLabel, measureLabel, periodKindLabel, sourceLabel } from './labels';

export interface AnalysisControlsProps {
  state: AnalysisState;
  /** The period kind in effect (the page's own or the header's). */
  period: StatsPeriod;
  /** The range the server chose when the state names none. */
  defaultRange?: { from: string; to: string };
  /** The newest period the range pickers offer (the one holding as-of). */
  lastPeriod: string;
  town: string | undefined;
  permissions: readonly string[];
  exportHrefs: { xlsx: string; csv: string };
  onChange(change: Partial<AnalysisState>): void;
  onReset(): void;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Space size={6}>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Typography.Text>
      {children}
    </Space>
  );
}

/** The pivot's controls: measures, dimensions, period and range, comparisons, top N, share, filters, export. */
export function AnalysisControls(props: AnalysisControlsProps) {
  const { state, period, onChange, town, permissions } = props;
  const { t, locale } = useI18n();
  const english = locale === 'en-US';
  const may = (permission: string) => permissions.includes(permission);

  const categories = useQuery('analysis-categories', (signal) => fetchCategoryTree(signal), may('taxonomy:read'));
  const villages = useQuery(
    `analysis-villages|${town}`,
    (signal) => fetchPlaces({ level: 'village', within: town }, signal),
    may('places:read') && town !== undefined,
  );
  const departments = useQuery(
    `analysis-departments|${town}`,
    (signal) => fetchDepartments(town as string, signal),
    may('departments:read') && town !== undefined,
  );

  const groups: { key: 'count' | 'rate' | 'duration'; measures: Measure[] }[] = [
    { key: 'count', measures: MEASURES.filter((m) => measureKind(m) === 'count') },
    { key: 'rate', measures: MEASURES.filter((m) => measureKind(m) === 'rate') },
    { key: 'duration', measures: MEASURES.filter((m) => measureKind(m) === 'duration') },
  ];
  const choices = periodsBack(period, props.lastPeriod, PICKER_DEPTH[period]).map((value) => ({ value, label: value }));
  const from = state.from ?? props.defaultRange?.from;
  const to = state.to ?? props.defaultRange?.to;
  const setRange = (which: 'from' | 'to', value: string) => {
    const range = { from, to, [which]: value };
    // Period texts of one kind sort as the periods do; a range picked backwards is turned round.
    const [start, end] = [range.from ?? value, range.to ?? value].sort();
    onChange({ period, from: start, to: end });
  };

  return (
    <Card size="small" data-testid="analysis-controls">
      <Flex vertical gap={10}>
        <Flex wrap gap={12} align="center">
          <Field label={t('analysis.measures')}>
            <Select
              data-testid="analysis-measures"
              mode="multiple"
              style={{ width: 420 }}
              maxTagCount="responsive"
              value={state.measures}
              onChange={(measures: Measure[]) => onChange({ measures })}
              options={groups.map((group) => ({
                label: t(`analysis.group.${group.key}`),
                title: t(`analysis.group.${group.key}`),
                options: group.measures.map((m) => ({ value: m, label: measureLabel(t, m) })),
              }))}
              optionFilterProp="label"
            />
          </Field>
          <Field label={t('analysis.by')}>
            <Select
              data-testid="analysis-by"
              mode="multiple"
              style={{ width: 300 }}
              placeholder={t('analysis.byPlaceholder')}
              optionFilterProp="label"
              value={state.by}
              onChange={(by: AnalysisState['by']) => onChange({ by: by.slice(-2) })}
              options={DIMENSIONS.map((d) => ({
                value: d,
                label: dimensionLabel(t, d),
                disabled: state.by.length >= 2 && !state.by.includes(d),
              }))}
            />
          </Field>
          <Field label={t('analysis.period')}>
            <Segmented
              data-testid="analysis-period"
              value={period}
              onChange={(value) => onChange({ period: value as StatsPeriod })}
              options={PERIOD_KINDS.map((kind) => ({ value: kind, label: periodKindLabel(t, kind) }))}
            />
          </Field>
        </Flex>
        <Flex wrap gap={12} align="center">
          <Field label={t('analysis.range')}>
            <Tooltip title={state.from ? undefined : t('analysis.rangeDefault')}>
              <Space size={4}>
                <Select
                  data-testid="analysis-from"
                  showSearch
                  style={{ width: 120 }}
                  value={from}
                  placeholder={t('analysis.from')}
                  options={choices}
                  onChange={(value: string) => setRange('from', value)}
                />
                <span>–</span>
                <Select
                  data-testid="analysis-to"
                  showSearch
                  style={{ width: 120 }}
                  value={to}
                  placeholder={t('analysis.to')}
                  options={choices}
                  onChange={(value: string) => setRange('to', value)}
                />
              </Space>
            </Tooltip>
          </Field>
          <Field label={t('analysis.compare')}>
            <Checkbox.Group
              data-testid="analysis-compare"
              value={state.compare}
              onChange={(values) => onChange({ compare: values as Comparison[] })}
              options={(['yoy', 'pop'] as const).map((c) => ({ value: c, label: comparisonLabel(t, c) }))}
            />
          </Field>
          <Field label={t('analysis.top')}>
            <Tooltip title={t('analysis.topHint')}>
              <Select
                data-testid="analysis-top"
                style={{ width: 90 }}
                allowClear
                disabled={state.by.length === 0}
                placeholder={t('analysis.topPlaceholder')}
                value={state.top}
                onChange={(top: number | undefined) => onChange({ top })}
                options={[3, 5, 10, 20, 50].map((n) => ({ value: n, label: String(n) }))}
              />
            </Tooltip>
          </Field>
          <Field label={t('analysis.share')}>
            <Switch data-testid="analysis-share" checked={state.share} onChange={(share) => onChange({ share })} />
          </Field>
        </Flex>
        <Flex wrap gap={12} align="center" justify="space-between">
          <Flex wrap gap={8} align="center">
            <Typography.Text type="secondary">{t('analysis.filters')}</Typography.Text>
            {may('taxonomy:read') && (
              <TreeSelect
                data-testid="analysis-filter-category"
                style={{ width: 170 }}
                allowClear
                showSearch
                treeNodeFilterProp="title"
                placeholder={t('analysis.filter.category')}
                value={state.category}
                loading={categories.loading}
                treeData={categories.data ? categoryOptions(categories.data.tree, english) : []}
                onChange={(category: string | undefined) => onChange({ category })}
                popupMatchSelectWidth={280}
              />
            )}
            {may('places:read') && (
              <Select
                data-testid="analysis-filter-place"
                style={{ width: 150 }}
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('analysis.filter.place')}
                value={state.place}
                loading={villages.loading}
                options={(villages.data ?? []).map((v) => ({ value: v.code, label: (english && v.nameEn) || v.name }))}
                onChange={(place: string | undefined) => onChange({ place })}
              />
            )}
            {may('departments:read') && (
              <Select
                data-testid="analysis-filter-department"
                style={{ width: 170 }}
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('analysis.filter.department')}
                value={state.department}
                loading={departments.loading}
                options={(departments.data ?? []).map((d) => ({
                  value: d.code,
                  label: (english && d.nameEn) || d.name,
                }))}
                onChange={(department: string | undefined) => onChange({ department })}
                popupMatchSelectWidth={240}
              />
            )}
            <Select
              data-testid="analysis-filter-source"
              style={{ width: 130 }}
              allowClear
              placeholder={t('analysis.filter.source')}
              value={state.source}
              options={SOURCES.map((s) => ({ value: s, label: sourceLabel(t, s) }))}
              onChange={(source: AnalysisState['source']) => onChange({ source })}
            />
            <Select
              data-testid="analysis-filter-kind"
              style={{ width: 120 }}
              allowClear
              placeholder={t('analysis.filter.kind')}
              value={state.kind}
              options={(['complaint', 'case'] as const).map((k) => ({ value: k, label: kindLabel(t, k) }))}
              onChange={(kind: AnalysisState['kind']) => onChange({ kind })}
            />
            <Button data-testid="analysis-reset" onClick={props.onReset}>
              {t('analysis.reset')}
            </Button>
          </Flex>
          <Space>
            <Button data-testid="export-xlsx" type="primary" href={props.exportHrefs.xlsx} download>
              {t('analysis.exportXlsx')}
            </Button>
            <Button data-testid="export-csv" href={props.exportHrefs.csv} download>
              {t('analysis.exportCsv')}
            </Button>
          </Space>
        </Flex>
      </Flex>
    </Card>
  );
}
