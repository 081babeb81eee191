import { Alert, Card, Col, Descriptions, Progress, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { fetchImport, type ImportBatch } from '../../api/imports';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { IssuesCard } from './IssuesCard';
import { formatBytes, formatTime, isRunning, POLL_MS, progressOf, storedRows } from './imports.model';
import { StatusTag } from './StatusTag';

const COUNTS = ['inserted', 'updated', 'unchanged', 'rejected', 'warned'] as const;

/** One import: its progress while it runs (polled), then its counts, rejected rows and their download. */
export function ImportResult() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const batch = useQuery(`import|${id}`, (signal) => fetchImport(id, signal), valid);
  const data = batch.data;
  const running = data !== undefined && isRunning(data);
  const { reload } = batch;
  // Each answer while running schedules the next poll: `data` is what changes between them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `data` stands for the answer just received
  useEffect(() => {
    if (!running) {
      return;
    }
    const timer = window.setTimeout(reload, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [running, data, reload]);

  const back = (
    <Link to="/imports" data-testid="import-back">
      ← {t('imports.result.back')}
    </Link>
  );
  if (!valid || (batch.error && !data)) {
    const error = valid ? batch.error : new ApiError('not_found', 404, 'no such import');
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {back}
        <QueryError error={error} onRetry={valid ? reload : undefined} />
      </Space>
    );
  }
  if (!data) {
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {back}
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </Space>
    );
  }
  return (
    <Space
      orientation="vertical"
      size={12}
      style={{ width: '100%' }}
      data-testid="import-result"
      data-status={data.status}
    >
      {back}
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('imports.result.title', { id: data.id })}
        </Typography.Title>
        <StatusTag status={data.status} />
        {data.dryRun && <Tag color="purple">{t('imports.tag.dryRun')}</Tag>}
        {data.strict && <Tag>{t('imports.tag.strict')}</Tag>}
        <Typography.Text strong style={{ wordBreak: 'break-all' }}>
          {data.fileName}
        </Typography.Text>
      </Space>
      <BatchProgress batch={data} />
      {data.status === 'failed' && data.error && (
        <Alert type="error" showIcon data-testid="import-error" title={t('imports.failed', { error: data.error })} />
      )}
      {data.status === 'interrupted' && <Alert type="warning" showIcon title={t('imports.interrupted')} />}
      <Counts batch={data} />
      {data.dryRun && data.status === 'done' && <Alert type="info" showIcon title={t('imports.dryRunNote')} />}
      <BatchFacts batch={data} />
      <IssuesCard batch={data} />
    </Space>
  );
}

function BatchProgress({ batch }: { batch: ImportBatch }) {
  const { t, locale } = useI18n();
  const { percent, status } = progressOf(batch);
  const rows = formatCount(batch.progress.rows, locale);
  return (
    <Card size="small" title={t('imports.progress.title')}>
      <Progress data-testid="import-progress" data-percent={percent} percent={percent} status={status} />
      <Space wrap size={16}>
        <Typography.Text data-testid="import-progress-rows">
          {batch.dryRun
            ? t('imports.progress.rowsDry', { rows })
            : t('imports.progress.rows', { rows, stored: formatCount(storedRows(batch), locale) })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('imports.progress.bytes', {
            read: formatBytes(Math.min(batch.progress.bytesRead, batch.fileBytes)),
            total: formatBytes(batch.fileBytes),
          })}
        </Typography.Text>
      </Space>
    </Card>
  );
}

function Counts({ batch }: { batch: ImportBatch }) {
  const { t, locale } = useI18n();
  const items: { key: string; value: number; color?: string }[] = [
    { key: 'rows', value: batch.progress.rows },
    ...COUNTS.map((key) => ({
      key,
      value: batch.counts[key],
      color:
        key === 'rejected' && batch.counts.rejected > 0
          ? '#cf1322'
          : key === 'warned' && batch.counts.warned > 0
            ? '#d48806'
            : undefined,
    })),
  ];
  return (
    <Row gutter={[12, 12]} data-testid="import-counts">
      {items.map((item) => (
        <Col key={item.key} xs={12} sm={8} xl={4}>
          <Card size="small" data-count={item.key} data-value={item.value}>
            <Statistic
              title={t(`imports.count.${item.key as 'rows'}`)}
              value={formatCount(item.value, locale)}
              styles={{ content: item.color ? { color: item.color } : undefined }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function BatchFacts({ batch }: { batch: ImportBatch }) {
  const { t } = useI18n();
  return (
    <Card size="small">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, xl: 3 }}
        items={[
          { key: 'profile', label: t('imports.meta.profile'), children: batch.profile },
          { key: 'source', label: t('imports.meta.sourceSystem'), children: batch.sourceSystem },
          { key: 'kind', label: t('imports.meta.kind'), children: t(`imports.kind.${batch.kind}`) },
          { key: 'size', label: t('imports.meta.size'), children: formatBytes(batch.fileBytes) },
          { key: 'started', label: t('imports.meta.started'), children: formatTime(batch.startedAt) },
          { key: 'finished', label: t('imports.meta.finished'), children: formatTime(batch.finishedAt) },
        ]}
      />
    </Card>
  );
}
