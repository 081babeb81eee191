import { Button, Card, Empty, Segmented, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { fetchReports, type Report, reportFileUrl } from '../../api/reports';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import { GenerateReport } from './GenerateReport';
import { TYPE_COLORS, triggerLabel, typeShort } from './labels';
import { ReportJobs } from './ReportJobs';
import {
  formatInstant,
  isReportType,
  type ListState,
  listParams,
  listQuery,
  PICKER_PERIODS,
  periodLabel,
  REPORT_TYPES,
  readListState,
  recentPeriods,
} from './reports.model';

/** The archive: reports of the chosen town, newest first, by type and period, with paging and "generate now". */
export function ReportList() {
  const { t, locale } = useI18n();
  const { me, town } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = readListState(params);
  const canWrite = me.permissions.includes('reports:write');
  const [generateOpen, setGenerateOpen] = useState(false);
  const query = listQuery(town?.code, state);
  const list = useQuery(`reports|${JSON.stringify(query)}`, (signal) => fetchReports(query, signal));
  const go = (next: ListState) => setParams(listParams(next));

  const periodOptions = state.type
    ? recentPeriods(state.type, Date.now(), PICKER_PERIODS[state.type]).map((period) => ({
        value: period,
        label: periodLabel(period, locale),
      }))
    : [];
  if (state.period && !periodOptions.some((option) => option.value === state.period)) {
    periodOptions.unshift({ value: state.period, label: periodLabel(state.period, locale) });
  }

  const columns: TableColumnsType<Report> = [
    {
      title: t('reports.col.title'),
      dataIndex: 'title',
      render: (title: string, report) => (
        <Link
          to={`/reports/${report.id}`}
          state={{ list: params.toString() }}
          data-testid="report-link"
          data-report-id={report.id}
        >
          {title}
        </Link>
      ),
    },
    {
      title: t('reports.col.type'),
      dataIndex: 'type',
      width: 76,
      render: (type: string) => <Tag color={TYPE_COLORS[type]}>{typeShort(t, type)}</Tag>,
    },
    {
      title: t('reports.col.period'),
      dataIndex: 'period',
      width: 280,
      render: (period: string) => periodLabel(period, locale),
    },
    {
      title: t('reports.col.version'),
      dataIndex: 'version',
      width: 84,
      render: (version: number) => (
        <Tag color={version > 1 ? 'orange' : undefined} data-testid="report-version">
          {t('reports.version', { version })}
        </Tag>
      ),
    },
    {
      title: t('reports.col.trigger'),
      dataIndex: 'trigger',
      width: 96,
      render: (trigger: string) => triggerLabel(t, trigger),
    },
    { title: t('reports.col.createdBy'), dataIndex: 'createdBy', width: 120, ellipsis: true },
    {
      title: t('reports.col.createdAt'),
      dataIndex: 'createdAt',
      width: 140,
      render: (ms: number) => formatInstant(ms),
    },
    {
      title: t('reports.col.actions'),
      key: 'actions',
      width: 116,
      render: (_, report) => (
        <Space size={4}>
          <Link to={`/reports/${report.id}`} state={{ list: params.toString() }}>
            {t('reports.open')}
          </Link>
          <Typography.Text type="secondary">|</Typography.Text>
          <a href={reportFileUrl(report.id, 'docx')}>DOCX</a>
        </Space>
      ),
    },
  ];

  const data = list.data;
  const filtered = state.type !== undefined;
  const emptyText = filtered ? t('reports.emptyFiltered') : canWrite ? t('reports.empty') : t('reports.emptyReadOnly');

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <div
        style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}
      >
        <Space orientation="vertical" size={0}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('reports.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('reports.hint')}</Typography.Text>
        </Space>
        {canWrite && (
          <Button type="primary" data-testid="reports-generate" onClick={() => setGenerateOpen(true)}>
            {t('reports.generate')}
          </Button>
        )}
      </div>
      <Card size="small">
        <Space wrap size={12} style={{ marginBottom: 12 }}>
          <Typography.Text>{t('reports.filter.type')}</Typography.Text>
          <Segmented
            data-testid="reports-type-filter"
            value={state.type ?? 'all'}
            onChange={(value) =>
              go({ type: isReportType(String(value)) ? (value as ListState['type']) : undefined, page: 1 })
            }
            options={[
              { value: 'all', label: t('reports.type.all') },
              ...REPORT_TYPES.map((type) => ({ value: type, label: typeShort(t, type) })),
            ]}
          />
          {state.type && (
            <>
              <Typography.Text>{t('reports.filter.period')}</Typography.Text>
              <Select
                data-testid="reports-period-filter"
                aria-label={t('reports.filter.period')}
                style={{ width: 280 }}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('reports.filter.periodAll')}
                value={state.period}
                onChange={(period?: string) => go({ type: state.type, period: period || undefined, page: 1 })}
                options={periodOptions}
              />
            </>
          )}
        </Space>
        {list.error ? (
          <QueryError error={list.error} onRetry={list.reload} />
        ) : (
          <div data-testid="reports-table" data-loading={list.loading}>
            <Table<Report>
              rowKey="id"
              size="middle"
              loading={list.loading}
              columns={columns}
              dataSource={data?.items ?? []}
              pagination={false}
              scroll={{ x: 1100 }}
              locale={{ emptyText: list.loading ? ' ' : <Empty data-testid="reports-empty" description={emptyText} /> }}
            />
          </div>
        )}
        {(state.page > 1 || data?.nextOffset != null) && (
          <Space style={{ marginTop: 12, width: '100%', justifyContent: 'flex-end' }}>
            <Button
              data-testid="reports-prev"
              disabled={state.page <= 1}
              onClick={() => go({ ...state, page: state.page - 1 })}
            >
              {t('reports.prev')}
            </Button>
            <Typography.Text data-testid="reports-page">{t('reports.page', { page: state.page })}</Typography.Text>
            <Button
              data-testid="reports-next"
              disabled={data?.nextOffset == null}
              onClick={() => go({ ...state, page: state.page + 1 })}
            >
              {t('reports.next')}
            </Button>
          </Space>
        )}
      </Card>
      <ReportJobs townCode={town?.code} />
      {canWrite && (
        <GenerateReport
          open={generateOpen}
          initialType={state.type ?? 'weekly'}
          onClose={() => setGenerateOpen(false)}
          onDone={(report) => {
            setGenerateOpen(false);
            navigate(`/reports/${report.id}`, { state: { list: params.toString() } });
          }}
        />
      )}
    </Space>
  );
}
