import { Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { fetchStats, type StatsAnswer } from '../../api/stats';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import { AnalysisControls } from './AnalysisControls';
import {
  type AnalysisState,
  analysisQuery,
  changeState,
  DEFAULT_STATE,
  exportHref,
  parseState,
  periodAt,
  periodOf,
  pivotRows,
  stateSearch,
} from './analysis.model';
import { PivotTable } from './PivotTable';

const PivotChart = lazy(() => import('./PivotChart'));

/** Nothing to show: no cube yet, or not one number above zero in the range. */
function isEmpty(answer: StatsAnswer): boolean {
  return (
    answer.asOfMs === null ||
    !answer.totals.some((row) => Object.values(row.values).some((value) => value !== null && value !== 0))
  );
}

/**
 * 分析: a pivot over the stats API. The whole view lives in the address (measures, dimensions, period and range,
 * comparisons, top N, share, filters, the chart's measure, the table page, and the town), so it can be bookmarked and
 * shared; the exports download the very same query.
 */
export default function AnalysisPage() {
  const { t, locale } = useI18n();
  const { me, towns, town, setTown, period: headerPeriod } = useSession();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseState(params), [params]);
  const urlTown = params.get('town');
  const townCode = urlTown && towns.some((option) => option.code === urlTown) ? urlTown : town?.code;

  // A shared link names its town: adopt it once (the header follows); afterwards the header's choice is written back.
  const adopted = useRef(false);
  useEffect(() => {
    if (!adopted.current) {
      adopted.current = true;
      if (urlTown && urlTown !== town?.code && towns.some((option) => option.code === urlTown)) {
        setTown(urlTown);
        return;
      }
    }
    if (town && urlTown !== town.code) {
      const next = new URLSearchParams(params);
      next.set('town', town.code);
      setParams(next, { replace: true });
    }
  }, [town, urlTown, towns, setTown, params, setParams]);

  const write = (next: AnalysisState) => {
    const search = new URLSearchParams(stateSearch(next));
    if (townCode) {
      search.set('town', townCode);
    }
    setParams(search);
  };
  const onChange = (change: Partial<AnalysisState>) => write(changeState(state, change));

  const query = analysisQuery(state, townCode, headerPeriod);
  const period = periodOf(state, headerPeriod);
  const queryKey = exportHref('xlsx', query);
  // Without a town (grants that reach none) the API sums every town within the reader's scope: zeros, not a wait.
  const stats = useQuery(`analysis|${queryKey}`, (signal) => fetchStats(query, signal));
  const answer = stats.data;
  const others = t('analysis.others', { n: state.top ?? '' });
  const rows = useMemo(
    () => (answer ? pivotRows(answer, state.by, { total: t('analysis.total'), others }, locale === 'en-US') : []),
    [answer, state.by, t, others, locale],
  );
  const chartMeasure = state.chart ?? state.measures[0] ?? 'records';
  const lastPeriod = periodAt(period, answer?.asOfMs ?? Date.now());
  const echo = answer?.query;

  return (
    <Flex vertical gap={12} style={{ minWidth: 0 }} data-testid="analysis-page">
      <Flex wrap gap={12} align="baseline">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('analysis.title')}
        </Typography.Title>
        {answer?.asOf && (
          <Typography.Text type="secondary">
            {t('analysis.asOf', { time: answer.asOf.slice(0, 16).replace('T', ' ') })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">{t('analysis.hint')}</Typography.Text>
      </Flex>
      <AnalysisControls
        state={state}
        period={period}
        defaultRange={echo && echo.period === period ? { from: echo.from, to: echo.to } : undefined}
        lastPeriod={lastPeriod}
        town={townCode}
        permissions={me.permissions}
        exportHrefs={{ xlsx: exportHref('xlsx', query), csv: exportHref('csv', query) }}
        onChange={onChange}
        onReset={() => write(DEFAULT_STATE)}
      />
      {stats.error ? (
        <QueryError error={stats.error} onRetry={stats.reload} />
      ) : !answer ? (
        <Card size="small">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : isEmpty(answer) ? (
        <Card size="small">
          <Empty data-testid="analysis-empty" description={t('analysis.empty')} />
        </Card>
      ) : (
        <>
          <Suspense
            fallback={
              <Card size="small">
                <Skeleton active paragraph={{ rows: 6 }} />
              </Card>
            }
          >
            <PivotChart
              answer={answer}
              by={state.by}
              measures={state.measures}
              measure={chartMeasure}
              othersLabel={others}
              onMeasure={(chart) => onChange({ chart, page: state.page })}
            />
          </Suspense>
          <Card size="small" title={t('analysis.table')} styles={{ body: { padding: 0 } }}>
            <PivotTable
              rows={rows}
              state={state}
              loading={stats.loading}
              query={queryKey}
              onPage={(page, size) => onChange({ page: size === state.size ? page : 1, size })}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}
