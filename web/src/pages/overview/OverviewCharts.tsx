import { Card, Col, Empty, Row, Skeleton } from 'antd';
import { useMemo } from 'react';
import { fetchPlaces, villageOutlines } from '../../api/places';
import { fetchStats, type PeriodKind } from '../../api/stats';
import { useQuery } from '../../api/useQuery';
import { categoryBars, categoryOption } from '../../charts/categories';
import { echarts } from '../../charts/echarts';
import { trendOption } from '../../charts/trend';
import { villageMapOption, villageValues } from '../../charts/villageMap';
import { EChart } from '../../components/EChart';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { categoryQuery, type OverviewFilter, trendQuery, villageQuery } from './overview.model';

export interface OverviewChartsProps {
  townCode: string | undefined;
  period: PeriodKind;
  /** The period the cards show. */
  at: string;
  asOfMs: number;
  filter: OverviewFilter;
  onFilter(kind: 'category' | 'place', code: string, name: string): void;
}

/**
 * The overview's charts: a chunk of their own (with ECharts), loaded after the KPI cards, so the cards are usable
 * before the chart library has even arrived.
 */
export default function OverviewCharts({ townCode, period, at, asOfMs, filter, onFilter }: OverviewChartsProps) {
  const { t, locale } = useI18n();
  const english = locale === 'en-US';
  const scopeKey = `${townCode}|${period}|${filter.category}|${filter.place}`;
  const setFilter = onFilter;
  const trend = useQuery(`trend|${scopeKey}|${asOfMs}`, (signal) =>
    fetchStats(trendQuery(townCode, asOfMs, filter), signal),
  );
  const categories = useQuery(
    `categories|${scopeKey}|${at}`,
    (signal) => fetchStats(categoryQuery(townCode, period, at, filter), signal),
    true,
  );
  const villages = useQuery(
    `villages|${scopeKey}|${at}`,
    (signal) => fetchStats(villageQuery(townCode, period, at, filter), signal),
    true,
  );
  const outlines = useQuery(
    `outlines|${townCode}`,
    async (signal) => {
      const places = await fetchPlaces({ level: 'village', within: townCode }, signal);
      const geo = villageOutlines(places);
      echarts.registerMap(`town-${townCode}`, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
      return geo;
    },
    townCode !== undefined,
  );

  const placeName = (code: string) =>
    outlines.data?.features.find((feature) => feature.properties.code === code)?.properties;

  const bars = useMemo(
    () => (categories.data ? categoryBars(categories.data, at, english, t('chart.others')) : []),
    [categories.data, at, english, t],
  );

  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('chart.trend')}>
            {trend.error ? (
              <QueryError error={trend.error} onRetry={trend.reload} />
            ) : trend.data ? (
              <EChart
                testId="trend-chart"
                option={trendOption(trend.data, { thisYear: t('chart.thisYear'), lastYear: t('chart.lastYear') })}
              />
            ) : (
              <Skeleton active paragraph={{ rows: 7 }} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('chart.categories')}>
            {categories.error ? (
              <QueryError error={categories.error} onRetry={categories.reload} />
            ) : categories.data ? (
              <EChart
                testId="category-chart"
                option={categoryOption(bars, t('chart.records'))}
                onClick={({ dataIndex }) => {
                  const bar = dataIndex === undefined ? undefined : [...bars].reverse()[dataIndex];
                  if (bar?.code && bar.code !== '_others') {
                    setFilter('category', bar.code, bar.name);
                  }
                }}
              />
            ) : (
              <Skeleton active paragraph={{ rows: 7 }} />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('chart.map')}>
        {villages.error || outlines.error ? (
          <QueryError
            error={villages.error ?? outlines.error}
            onRetry={villages.error ? villages.reload : outlines.reload}
          />
        ) : villages.data && outlines.data && at ? (
          outlines.data.features.length === 0 ? (
            <Empty description={t('chart.noOutline')} />
          ) : (
            <EChart
              testId="village-map"
              style={{ height: 460 }}
              option={villageMapOption(
                `town-${townCode}`,
                outlines.data,
                villageValues(villages.data, at, english),
                t('chart.records'),
                english,
              )}
              onClick={({ name }) => {
                const place = name ? placeName(name) : undefined;
                if (name && place) {
                  setFilter('place', name, (english && place.nameEn) || place.name);
                }
              }}
            />
          )
        ) : (
          <Skeleton active paragraph={{ rows: 10 }} />
        )}
      </Card>
    </>
  );
}
