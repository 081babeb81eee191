import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { fetchImports, type ImportBatch } from '../../api/imports';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { CursorPager, useCursor } from './CursorPager';
import { formatTime } from './imports.model';
import { StatusTag } from './StatusTag';

const PAGE_SIZE = 20;

/** The import batches the user may see, newest first, each opening its result page. */
export function ImportHistory({ mayImport }: { mayImport: boolean }) {
  const { t, locale } = useI18n();
  const { cursor, page } = useCursor('hb');
  const history = useQuery(`imports|${cursor}`, (signal) => fetchImports({ limit: PAGE_SIZE, before: cursor }, signal));
  const count = (value: number) => formatCount(value, locale);

  return (
    <Card title={t('imports.history')} data-testid="import-history">
      {history.error ? (
        <QueryError error={history.error} onRetry={history.reload} />
      ) : history.data && history.data.items.length === 0 && page === 1 ? (
        <Empty
          data-testid="import-history-empty"
          description={mayImport ? t('imports.history.empty') : t('imports.history.emptyReadOnly')}
        />
      ) : (
        <>
          <Table<ImportBatch>
            rowKey="id"
            size="small"
            loading={history.loading}
            dataSource={history.data?.items ?? []}
            pagination={false}
            scroll={{ x: 1080 }}
            onRow={(batch) => ({ 'data-batch': batch.id }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('imports.col.id'),
                dataIndex: 'id',
                width: 64,
                render: (id: number) => <Link to={`/imports/${id}`}>#{id}</Link>,
              },
              {
                title: t('imports.col.file'),
                dataIndex: 'fileName',
                ellipsis: true,
                render: (name: string, batch) => (
                  <Space size={4}>
                    <Link to={`/imports/${batch.id}`} data-testid="import-history-open">
                      {name}
                    </Link>
                    {batch.dryRun && <Tag>{t('imports.tag.dryRun')}</Tag>}
                  </Space>
                ),
              },
              { title: t('imports.col.profile'), dataIndex: 'profile', width: 150, ellipsis: true },
              {
                title: t('imports.col.status'),
                dataIndex: 'status',
                width: 84,
                render: (status: ImportBatch['status']) => <StatusTag status={status} />,
              },
              {
                title: t('imports.col.startedAt'),
                dataIndex: 'startedAt',
                width: 140,
                render: (iso: string) => formatTime(iso),
              },
              {
                title: t('imports.col.rows'),
                width: 72,
                align: 'right',
                render: (_, batch) => count(batch.progress.rows),
              },
              ...(['inserted', 'updated', 'unchanged', 'rejected', 'warned'] as const).map((key) => ({
                title: t(`imports.count.${key}`),
                width: 72,
                align: 'right' as const,
                render: (_: unknown, batch: ImportBatch) =>
                  key === 'rejected' && batch.counts.rejected > 0 ? (
                    <Typography.Text type="danger">{count(batch.counts.rejected)}</Typography.Text>
                  ) : (
                    count(batch.counts[key])
                  ),
              })),
            ]}
          />
          <CursorPager name="hb" next={history.data?.next} testId="import-history-pager" />
        </>
      )}
    </Card>
  );
}
