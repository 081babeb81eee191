import { Button, Card, Empty, Segmented, Space, Table } from 'antd';
import { useSearchParams } from 'react-router';
import { fetchIssues, type ImportBatch, type ImportIssue, type IssueSeverity, issuesFileUrl } from '../../api/imports';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { CursorPager, useCursor } from './CursorPager';
import { isRunning } from './imports.model';

const PAGE_SIZE = 20;

/** A finished batch's rejected rows or warnings (file, line, column, value, reason), paged, and their download. */
export function IssuesCard({ batch }: { batch: ImportBatch }) {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const severity: IssueSeverity = params.get('severity') === 'warning' ? 'warning' : 'reject';
  const { cursor } = useCursor('ia');
  const running = isRunning(batch);
  const issues = useQuery(
    `issues|${batch.id}|${severity}|${cursor}|${batch.status}|${locale}`,
    (signal) => fetchIssues(batch.id, { severity, limit: PAGE_SIZE, after: cursor, locale }, signal),
    !running,
  );
  const total = severity === 'reject' ? batch.counts.rejected : batch.counts.warned;
  const chooseSeverity = (next: IssueSeverity) => {
    const updated = new URLSearchParams(params);
    updated.delete('ia');
    if (next === 'reject') {
      updated.delete('severity');
    } else {
      updated.set('severity', next);
    }
    setParams(updated);
  };

  return (
    <Card
      size="small"
      data-testid="import-issues"
      title={
        <Segmented
          data-testid="import-issues-severity"
          value={severity}
          onChange={(value) => chooseSeverity(value as IssueSeverity)}
          options={[
            {
              value: 'reject',
              label: t('imports.issues.reject', { count: formatCount(batch.counts.rejected, locale) }),
            },
            {
              value: 'warning',
              label: t('imports.issues.warning', { count: formatCount(batch.counts.warned, locale) }),
            },
          ]}
        />
      }
      extra={
        !running &&
        total > 0 && (
          <Space wrap>
            <Button
              size="small"
              href={issuesFileUrl(batch.id, 'csv', severity, locale)}
              data-testid="import-download-csv"
            >
              {t('imports.download.csv')}
            </Button>
            <Button
              size="small"
              href={issuesFileUrl(batch.id, 'xlsx', severity, locale)}
              data-testid="import-download-xlsx"
            >
              {t('imports.download.xlsx')}
            </Button>
          </Space>
        )
      }
    >
      {running ? (
        <Empty description={t('imports.issues.running')} />
      ) : issues.error ? (
        <QueryError error={issues.error} onRetry={issues.reload} />
      ) : total === 0 ? (
        <Empty
          data-testid="import-issues-empty"
          description={severity === 'reject' ? t('imports.issues.emptyReject') : t('imports.issues.emptyWarning')}
        />
      ) : (
        <>
          <Table<ImportIssue>
            rowKey="id"
            size="small"
            loading={issues.loading}
            dataSource={issues.data?.items ?? []}
            pagination={false}
            scroll={{ x: 900 }}
            data-testid="import-issues-table"
            columns={[
              { title: t('imports.issues.file'), dataIndex: 'file', width: 200, ellipsis: true },
              { title: t('imports.issues.line'), dataIndex: 'line', width: 80, align: 'right' },
              {
                title: t('imports.issues.column'),
                dataIndex: 'column',
                width: 140,
                render: (column: string | null) => column ?? t('common.none'),
              },
              {
                title: t('imports.issues.value'),
                dataIndex: 'value',
                width: 200,
                ellipsis: true,
                render: (value: string | null) => value ?? t('common.none'),
              },
              { title: t('imports.issues.reason'), dataIndex: 'reason' },
            ]}
          />
          <CursorPager name="ia" next={issues.data?.next} testId="import-issues-pager" />
        </>
      )}
    </Card>
  );
}
