import { Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from '../../api/useQuery';
import { fetchWarning, type WarningDetail, type WarningMethod } from '../../api/warnings';
import { QueryError } from '../../components/QueryError';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { SeverityTag, StatusTag } from './tags';
import { WarningActions } from './WarningActions';
import { WarningHistory } from './WarningHistory';
import { methodName, recordPath, termsOf, weekLabel } from './warnings.model';

const WarningSeriesChart = lazy(() => import('./WarningSeriesChart'));

const oneDecimal = (value: number | null) => (value === null ? '—' : String(Math.round(value * 10) / 10));

/** One warning: what was found, the chart, where, samples, advice, the lifecycle actions and the history. */
export function WarningDetailPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const location = useLocation();
  const listSearch = (location.state as { list?: string } | null)?.list;
  const warningId = Number(id);
  const valid = Number.isSafeInteger(warningId) && warningId > 0;
  const state = useQuery(`warning|${warningId}`, (signal) => fetchWarning(warningId, signal), valid);
  const back = (
    <Link to={listSearch ? `/warnings?${listSearch}` : '/warnings'} data-testid="warning-back">
      ← {t('warnings.back')}
    </Link>
  );
  if (!valid) {
    return (
      <Space orientation="vertical">
        {back}
        <Empty description={t('error.not_found')} />
      </Space>
    );
  }
  if (state.error) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {back}
        <QueryError error={state.error} onRetry={state.reload} />
      </Space>
    );
  }
  const warning = state.data;
  if (!warning) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {back}
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </Space>
    );
  }
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="warning-detail">
      {back}
      <Header warning={warning} onChanged={state.reload} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('warnings.detail.series')} style={{ height: '100%' }}>
            {warning.facts.series ? (
              <Suspense fallback={<Skeleton active paragraph={{ rows: 7 }} />}>
                <WarningSeriesChart series={warning.facts.series} />
              </Suspense>
            ) : (
              <Empty data-testid="warning-no-series" description={t('warnings.detail.noSeries')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Methods methods={warning.methods} />
            <Places warning={warning} />
          </Space>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Advice warning={warning} />
            <Samples warning={warning} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <WarningHistory warning={warning} />
        </Col>
      </Row>
    </Space>
  );
}

function Header({ warning, onChanged }: { warning: WarningDetail; onChanged(): void }) {
  const { t, locale } = useI18n();
  const english = locale === 'en-US';
  const ratio =
    warning.upperBound !== null && warning.upperBound > 0
      ? Math.round((warning.observed / warning.upperBound) * 10) / 10
      : null;
  return (
    <Card size="small">
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        <Space wrap size={8}>
          <SeverityTag severity={warning.severity} />
          <StatusTag status={warning.status} testId="warning-status" />
          <Tag>{t(`warnings.type.${warning.type}`)}</Tag>
          <Tag>{t(`warnings.situation.${warning.situation}`)}</Tag>
          <Typography.Text type="secondary">
            {t('warnings.detail.since', { since: weekLabel(warning.sinceWeek), week: weekLabel(warning.week) })}
          </Typography.Text>
          {warning.monthlyProblems.map((problem) => (
            <Tag key={problem.id} color="purple" data-testid="warning-monthly-problem">
              {t('warnings.detail.monthlyProblems')} {problem.month} ·{' '}
              {problem.status === 'done' ? t('warnings.detail.monthlyDone') : t('warnings.detail.monthlyOpen')}
            </Tag>
          ))}
        </Space>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="warning-summary">
          {english ? warning.summaryEn : warning.summary}
        </Typography.Title>
        <Row gutter={[24, 8]} align="middle">
          <Col>
            <Statistic title={t('warnings.detail.observed')} value={formatCount(warning.observed, locale)} />
          </Col>
          <Col>
            <Statistic title={t('warnings.detail.expected')} value={oneDecimal(warning.expected)} />
          </Col>
          <Col>
            <Statistic
              title={t('warnings.detail.upperBound')}
              value={oneDecimal(warning.upperBound)}
              suffix={
                ratio !== null && ratio > 1 ? (
                  <Typography.Text type="danger" style={{ fontSize: 13 }}>
                    {t('warnings.detail.ratio', { ratio })}
                  </Typography.Text>
                ) : undefined
              }
            />
          </Col>
          <Col>
            <Statistic
              title={t('warnings.detail.department')}
              value={warning.department?.name ?? t('warnings.detail.noDepartment')}
              styles={{ content: { fontSize: 16 } }}
            />
          </Col>
          <Col flex="auto" style={{ textAlign: 'right' }}>
            <WarningActions warning={warning} onChanged={onChanged} />
          </Col>
        </Row>
      </Space>
    </Card>
  );
}

function Methods({ methods }: { methods: WarningMethod[] }) {
  const { t, locale } = useI18n();
  return (
    <Card size="small" title={t('warnings.detail.methods')}>
      <Table<WarningMethod>
        size="small"
        rowKey="method"
        pagination={false}
        dataSource={methods}
        scroll={{ x: 360 }}
        columns={[
          {
            title: t('warnings.detail.method'),
            dataIndex: 'method',
            render: (m: string) => methodName(m, locale === 'en-US'),
          },
          {
            title: t('warnings.detail.expected'),
            dataIndex: 'expected',
            align: 'right',
            render: (v: number | null) => oneDecimal(v),
          },
          {
            title: t('warnings.detail.upperBound'),
            dataIndex: 'upperBound',
            align: 'right',
            render: (v: number | null) => oneDecimal(v),
          },
          {
            title: t('warnings.detail.alarm'),
            dataIndex: 'alarm',
            render: (alarm: boolean) =>
              alarm ? (
                <Tag color="red">{t('warnings.detail.alarmYes')}</Tag>
              ) : (
                <Tag>{t('warnings.detail.alarmNo')}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}

function Places({ warning }: { warning: WarningDetail }) {
  const { t, locale } = useI18n();
  const terms = termsOf(warning.facts);
  return (
    <Card size="small" title={t('warnings.detail.villages')}>
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        <Space wrap size={[6, 6]} data-testid="warning-villages">
          {warning.villages.length > 0 ? (
            warning.villages.map((village) => <Tag key={village.code}>{village.name}</Tag>)
          ) : (
            <Typography.Text type="secondary">
              {warning.place.name} · {t('warnings.detail.townWide')}
            </Typography.Text>
          )}
        </Space>
        {terms.length > 0 && (
          <div data-testid="warning-terms">
            <Typography.Text strong>{t('warnings.detail.terms')}</Typography.Text>
            <List
              size="small"
              dataSource={terms}
              renderItem={(term) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Space wrap size={6}>
                    <Tag color="volcano">{term.term}</Tag>
                    {term.isNew && <Tag color="red">{t('warnings.detail.termNew')}</Tag>}
                    {term.count !== null && (
                      <Typography.Text type="secondary">
                        {t('warnings.detail.termCount', { count: formatCount(term.count, locale) })}
                      </Typography.Text>
                    )}
                    {term.ratio !== null && (
                      <Typography.Text type="secondary">
                        {t('warnings.detail.termRatio', { ratio: oneDecimal(term.ratio) })}
                      </Typography.Text>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          </div>
        )}
      </Space>
    </Card>
  );
}

function Advice({ warning }: { warning: WarningDetail }) {
  const { t, locale } = useI18n();
  const rectification: { label: string; value: string | null }[] = [
    { label: t('warnings.detail.owner'), value: warning.owner },
    { label: t('warnings.detail.dueDay'), value: warning.dueDay },
    { label: t('warnings.detail.actions'), value: warning.actions },
    { label: t('warnings.detail.result'), value: warning.result },
    { label: t('warnings.detail.dismissReason'), value: warning.dismissReason },
  ];
  const shown = rectification.filter((item) => item.value !== null);
  return (
    <Card size="small" title={t('warnings.detail.advice')}>
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="warning-advice">
          {locale === 'en-US' ? warning.adviceEn : warning.advice}
        </Typography.Paragraph>
        <Typography.Text strong>
          {t('warnings.labelValue', {
            label: t('warnings.detail.department'),
            value: warning.department?.name ?? t('warnings.detail.noDepartment'),
          })}
        </Typography.Text>
        {shown.length > 0 && (
          <Descriptions
            data-testid="warning-rectification"
            size="small"
            bordered
            column={1}
            title={t('warnings.detail.rectification')}
            items={shown.map((item) => ({
              key: item.label,
              label: item.label,
              children: <span style={{ whiteSpace: 'pre-wrap' }}>{item.value}</span>,
            }))}
          />
        )}
      </Space>
    </Card>
  );
}

function Samples({ warning }: { warning: WarningDetail }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('warnings.detail.samples')}>
      <List
        size="small"
        dataSource={warning.samples}
        locale={{ emptyText: t('warnings.detail.noSamples') }}
        renderItem={(sample) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Space orientation="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
              <Space wrap size={6}>
                <Tag color={sample.kind === 'complaint' ? 'cyan' : 'geekblue'}>
                  {t(sample.kind === 'complaint' ? 'warnings.detail.complaint' : 'warnings.detail.case')}
                </Tag>
                <Link to={recordPath(sample.kind, sample.id)} data-testid="warning-sample">
                  {sample.title ?? `#${sample.id}`}
                </Link>
                <Typography.Text type="secondary">
                  {sample.openedDay} · {sample.category.name}
                  {sample.place ? ` · ${sample.place.name}` : ''}
                </Typography.Text>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {sample.excerpt}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
