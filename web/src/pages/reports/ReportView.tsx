import type { ButtonProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Popconfirm,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import {
  fetchReport,
  fetchReports,
  type Report,
  type ReportDetail,
  type ReportFormat,
  regenerateReport,
  reportFileUrl,
} from '../../api/reports';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import { generateErrorText } from './errors';
import { localeLabel, TYPE_COLORS, triggerLabel, typeLabel } from './labels';
import { formatInstant, periodLabel, sourceQueries, versionsQuery } from './reports.model';

const DOWNLOADS: readonly ReportFormat[] = ['docx', 'pdf', 'xlsx', 'html'];

/** The list's filters a report was opened from (router state), so 返回 goes back to the same list. */
function listOf(state: unknown): string {
  const list = (state as { list?: unknown } | null)?.list;
  return typeof list === 'string' ? list : '';
}

/** One report: what it is, its files, its versions, the stats it read, and its HTML in a sandboxed frame. */
export function ReportView() {
  const { t } = useI18n();
  const { id: idText } = useParams();
  const id = Number(idText);
  const valid = Number.isInteger(id) && id >= 1;
  const report = useQuery(`report|${id}`, (signal) => fetchReport(id, signal), valid);
  const listSearch = listOf(useLocation().state);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Link to={listSearch ? `/reports?${listSearch}` : '/reports'} data-testid="report-back">
        ← {t('reports.back')}
      </Link>
      {!valid ? (
        <Alert type="error" showIcon title={t('error.not_found')} />
      ) : report.error ? (
        <QueryError error={report.error} onRetry={report.reload} />
      ) : !report.data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        <ReportBody report={report.data} />
      )}
    </Space>
  );
}

function ReportBody({ report }: { report: ReportDetail }) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const location = useLocation();
  const canWrite = me.permissions.includes('reports:write');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const regenerate = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await regenerateReport(report.id);
      message.success(t('reports.regenerate.done', { version: next.version }));
      navigate(`/reports/${next.id}`, { state: location.state });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }} data-testid="report-title">
            {report.title}
          </Typography.Title>
        }
        extra={
          canWrite && (
            <Popconfirm
              title={t('reports.regenerate.confirm')}
              okText={t('reports.regenerate.ok')}
              cancelText={t('reports.generate.cancel')}
              onConfirm={() => void regenerate()}
              okButtonProps={{ 'data-testid': 'regenerate-confirm' } as ButtonProps}
            >
              <Button data-testid="report-regenerate" loading={busy}>
                {t('reports.regenerate')}
              </Button>
            </Popconfirm>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            {
              key: 'type',
              label: t('reports.detail.type'),
              children: <Tag color={TYPE_COLORS[report.type]}>{typeLabel(t, report.type)}</Tag>,
            },
            { key: 'period', label: t('reports.detail.period'), children: periodLabel(report.period, locale) },
            { key: 'town', label: t('reports.detail.town'), children: report.town.name },
            {
              key: 'version',
              label: t('reports.detail.version'),
              children: <span data-testid="report-version">{t('reports.version', { version: report.version })}</span>,
            },
            { key: 'createdAt', label: t('reports.detail.createdAt'), children: formatInstant(report.createdAt) },
            { key: 'createdBy', label: t('reports.detail.createdBy'), children: report.createdBy },
            { key: 'trigger', label: t('reports.detail.trigger'), children: triggerLabel(t, report.trigger) },
            { key: 'locale', label: t('reports.detail.locale'), children: localeLabel(t, report.locale) },
          ]}
        />
        <Space wrap style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('reports.download')}</Typography.Text>
          {DOWNLOADS.filter((format) => report.formats.includes(format)).map((format) => (
            // Plain links: the browser downloads under the file's Chinese name (Content-Disposition attachment).
            <Button key={format} href={reportFileUrl(report.id, format)} data-testid={`report-download-${format}`}>
              {t(`reports.download.${format}`)}
            </Button>
          ))}
          <Typography.Text type="secondary">{t('reports.download.hint')}</Typography.Text>
        </Space>
        {error !== undefined && (
          <Alert
            style={{ marginTop: 12 }}
            data-testid="regenerate-error"
            type="error"
            showIcon
            title={generateErrorText(error, t)}
          />
        )}
      </Card>
      <Versions report={report} />
      <Sources report={report} />
      <Card size="small" title={t('reports.preview')} styles={{ body: { padding: 0 } }}>
        {/* The report's own page in a sandbox: its chart script runs in an opaque origin, away from the session. */}
        <iframe
          data-testid="report-preview"
          title={t('reports.previewTitle', { title: report.title })}
          src={reportFileUrl(report.id, 'html', 'inline')}
          sandbox="allow-scripts"
          style={{ display: 'block', width: '100%', height: '80vh', minHeight: 480, border: 0, background: '#f0f0f0' }}
        />
      </Card>
    </>
  );
}

/** Every version of the same town, type, period and language, newest first; the one shown is marked. */
function Versions({ report }: { report: ReportDetail }) {
  const { t } = useI18n();
  const { state } = useLocation();
  const query = versionsQuery(report);
  const versions = useQuery(`report-versions|${JSON.stringify(query)}`, (signal) => fetchReports(query, signal));
  if (versions.error) {
    return <QueryError error={versions.error} onRetry={versions.reload} />;
  }
  const items = versions.data?.items ?? [];
  if (items.length <= 1 && !versions.loading) {
    return null;
  }
  return (
    <Card size="small" title={t('reports.versions')} data-testid="report-versions">
      <Table<Report>
        rowKey="id"
        size="small"
        loading={versions.loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 600 }}
        columns={[
          {
            title: t('reports.col.version'),
            dataIndex: 'version',
            width: 160,
            render: (version: number, row) =>
              row.id === report.id ? (
                <Space size={4}>
                  <Typography.Text strong>{t('reports.version', { version })}</Typography.Text>
                  <Tag color="blue">{t('reports.versions.current')}</Tag>
                </Space>
              ) : (
                <Link to={`/reports/${row.id}`} state={state}>
                  {t('reports.version', { version })}
                </Link>
              ),
          },
          { title: t('reports.col.createdAt'), dataIndex: 'createdAt', render: (ms: number) => formatInstant(ms) },
          { title: t('reports.col.createdBy'), dataIndex: 'createdBy' },
          { title: t('reports.col.trigger'), dataIndex: 'trigger', render: (value: string) => triggerLabel(t, value) },
        ]}
      />
    </Card>
  );
}

/** The stats queries the builder read, each a link to the same query on today's data. */
function Sources({ report }: { report: ReportDetail }) {
  const { t } = useI18n();
  const queries = sourceQueries(report.sources);
  return (
    <Collapse
      size="small"
      data-testid="report-sources"
      items={[
        {
          key: 'sources',
          label: t('reports.sources'),
          children:
            queries.length === 0 ? (
              <Typography.Text type="secondary">{t('reports.sources.none')}</Typography.Text>
            ) : (
              <Space orientation="vertical" size={4} style={{ width: '100%', minWidth: 0 }}>
                <Typography.Text type="secondary">{t('reports.sources.hint')}</Typography.Text>
                {queries.map((source) => (
                  <div key={source.name} style={{ display: 'flex', gap: 8, minWidth: 0 }}>
                    <Typography.Text strong style={{ flex: '0 0 120px' }}>
                      {source.name}
                    </Typography.Text>
                    <Typography.Link
                      href={`/api/stats?${source.query}`}
                      target="_blank"
                      rel="noreferrer"
                      code
                      style={{ overflowWrap: 'anywhere', minWidth: 0 }}
                    >
                      {decodeURIComponent(source.query)}
                    </Typography.Link>
                  </div>
                ))}
              </Space>
            ),
        },
      ]}
    />
  );
}
