import { Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { fetchStats } from '../../api/stats';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import { kpiLink } from '../records/records.model';
import { KpiCards } from './KpiCards';
import { currentPeriod, kpiQuery, kpis, type OverviewFilter } from './overview.model';

const OverviewCharts = lazy(() => import('./OverviewCharts'));

/** 总览: the KPI cards of the latest period, the weekly trend, the categories and the village map. */
export default function OverviewPage() {
  const { t } = useI18n();
  const { town, period, me } = useSession();
  const [params, setParams] = useSearchParams();
  const filter: OverviewFilter = {
    category: params.get('category') ?? undefined,
    place: params.get('place') ?? undefined,
  };
  const filterLabel = { category: params.get('categoryName'), place: params.get('placeName') };
  const townCode = town?.code;
  const scopeKey = `${townCode}|${period}|${filter.category}|${filter.place}`;

  const setFilter = (kind: 'category' | 'place', code: string, name: string) => {
    const next = new URLSearchParams(params);
    next.set(kind, code);
    next.set(`${kind}Name`, name);
    setParams(next);
  };
  const clearFilter = () => setParams(new URLSearchParams());

  const kpiState = useQuery(`kpi|${scopeKey}`, (signal) => fetchStats(kpiQuery(townCode, period, filter), signal));
  const answer = kpiState.data;
  const at = answer ? currentPeriod(answer) : undefined;
  const asOfMs = answer?.asOfMs ?? null;
  const cards = answer && at ? kpis(answer, at) : undefined;
  const empty =
    answer !== undefined && (asOfMs === null || !answer.totals.some((row) => (row.values.records ?? 0) > 0));

  if (kpiState.error) {
    return <QueryError error={kpiState.error} onRetry={kpiState.reload} />;
  }
  if (empty) {
    return (
      <Card>
        <Empty data-testid="overview-empty" description={t('overview.empty')} />
      </Card>
    );
  }
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('overview.title')}
        </Typography.Title>
        {at && <Tag color="blue">{t('overview.periodOf', { period: at })}</Tag>}
        {answer?.asOf && (
          <Typography.Text type="secondary">
            {t('overview.asOf', { time: answer.asOf.slice(0, 16).replace('T', ' ') })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">{t('overview.clickHint')}</Typography.Text>
        {(filter.category || filter.place) && (
          <Tag closable onClose={clearFilter} color="orange" data-testid="overview-filter">
            {t('overview.filter')} {filterLabel.category ?? filterLabel.place ?? filter.category ?? filter.place}
          </Tag>
        )}
      </Space>
      <KpiCards
        items={cards}
        linkOf={at && me.permissions.includes('records:read') ? (kpi) => kpiLink(kpi.id, at, filter) : undefined}
      />
      {answer && at && asOfMs !== null && (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 10 }} />}>
          <OverviewCharts
            townCode={townCode}
            period={period}
            at={at}
            asOfMs={asOfMs}
            filter={filter}
            onFilter={setFilter}
          />
        </Suspense>
      )}
    </Space>
  );
}
