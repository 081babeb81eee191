import { Card, Empty, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { fetchReportJobs, type ReportJob } from '../../api/reports';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { JOB_COLORS, jobStatusLabel, TYPE_COLORS, typeShort } from './labels';
import { formatInstant, periodLabel } from './reports.model';

const JOBS_SHOWN = 20;

/** The schedule's recent runs of the town: status, attempts, the next attempt of a failed one, its last error. */
export function ReportJobs({ townCode }: { townCode: string | undefined }) {
  const { t, locale } = useI18n();
  const jobs = useQuery(`report-jobs|${townCode}`, (signal) =>
    fetchReportJobs({ town: townCode, limit: JOBS_SHOWN }, signal),
  );
  const columns: TableColumnsType<ReportJob> = [
    {
      title: t('reports.col.type'),
      dataIndex: 'type',
      width: 90,
      render: (type: string) => <Tag color={TYPE_COLORS[type]}>{typeShort(t, type)}</Tag>,
    },
    {
      title: t('reports.col.period'),
      dataIndex: 'period',
      width: 280,
      render: (period: string) => periodLabel(period, locale),
    },
    {
      title: t('reports.jobs.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: string) => (
        <Tag color={JOB_COLORS[status]} data-testid="job-status">
          {jobStatusLabel(t, status)}
        </Tag>
      ),
    },
    {
      title: t('reports.jobs.attempts'),
      dataIndex: 'attempts',
      width: 90,
      align: 'right',
      render: (attempts: number) => formatCount(attempts, locale),
    },
    {
      title: t('reports.jobs.nextAttempt'),
      key: 'next',
      width: 150,
      render: (_, job) =>
        job.status === 'failed' || job.status === 'pending' ? formatInstant(job.nextAttemptAt) : t('common.none'),
    },
    {
      title: t('reports.jobs.lastError'),
      dataIndex: 'lastError',
      ellipsis: { showTitle: true },
      render: (error: string | null) =>
        error ? <Typography.Text type="danger">{error}</Typography.Text> : t('common.none'),
    },
    {
      title: t('reports.jobs.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      render: (ms: number) => formatInstant(ms),
    },
    {
      title: t('reports.jobs.report'),
      dataIndex: 'reportId',
      width: 80,
      render: (id: number | null) =>
        id === null ? t('common.none') : <Link to={`/reports/${id}`}>{t('reports.open')}</Link>,
    },
  ];
  return (
    <Card size="small" title={t('reports.jobs')} data-testid="report-jobs">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('reports.jobs.hint')}
      </Typography.Paragraph>
      {jobs.error ? (
        <QueryError error={jobs.error} onRetry={jobs.reload} />
      ) : (
        <Table<ReportJob>
          rowKey="id"
          size="small"
          loading={jobs.loading}
          columns={columns}
          dataSource={jobs.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: jobs.loading ? ' ' : <Empty description={t('reports.jobs.empty')} /> }}
        />
      )}
    </Card>
  );
}
