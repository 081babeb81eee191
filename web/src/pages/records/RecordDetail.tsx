import type { DescriptionsProps } from 'antd';
import { Alert, Button, Card, Col, Descriptions, Row, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { type AnyRecord, fetchRecord, type RecordPath } from '../../api/records';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../../components/session';
import { formatCount, formatHours } from '../../i18n/format';
import { type Translate, useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { labelOf } from './labels';
import { recordsZh } from './messages';
import { RevealModal } from './RevealModal';
import { categoryPath, type TimelineEvent, timeline, townTime } from './records.model';
import { useRecordReference } from './useRecordReference';

/** A changed field's label: the record's field label where there is one. */
function fieldLabel(t: Translate, field: string): string {
  const key = `records.field.${field}`;
  return key in recordsZh ? t(key as MessageKey) : field;
}

/** A changed value as people read it: statuses and codes translated, instants in town time. */
function changedValue(t: Translate, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return t('records.none');
  }
  if (typeof value === 'boolean') {
    return t(value ? 'records.yes' : 'records.no');
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    return townTime(value) ?? value;
  }
  const groups: Record<string, string> = {
    status: 'status',
    channel: 'channel',
    source: 'source',
    outcome: 'outcome',
    satisfaction: 'satisfaction',
  };
  const group = groups[field];
  if (group && typeof value === 'string') {
    return labelOf(t, group, value);
  }
  if (field === 'difficult' || field === 'resolved') {
    return t(value === 1 || value === '1' ? 'records.yes' : 'records.no');
  }
  const text = String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function eventItem(t: Translate, event: TimelineEvent, record: AnyRecord) {
  const title = event.at ?? undefined;
  switch (event.kind) {
    case 'received':
      return { color: 'blue', title, content: t('records.timeline.received') };
    case 'responded':
      return { color: 'blue', title, content: t('records.timeline.responded') };
    case 'deadline':
      return {
        color: event.late ? 'red' : 'gray',
        title,
        content: t(event.late ? 'records.timeline.deadlineLate' : 'records.timeline.deadline'),
      };
    case 'closed':
      return {
        color: event.late ? 'red' : 'green',
        title,
        content: t(event.late ? 'records.timeline.closedLate' : 'records.timeline.closed'),
      };
    case 'reopened':
      return {
        color: 'orange',
        content: t('records.timeline.reopened', { count: record.kind === 'complaint' ? record.reopenCount : 0 }),
      };
    case 'changed':
      return {
        color: 'gray',
        title,
        content: (
          <div data-testid="timeline-change">
            <div>{t('records.timeline.changed', { origin: labelOf(t, 'origin', event.origin) })}</div>
            {Object.entries(event.changes ?? {}).map(([field, change]) => (
              <div key={field}>
                <Typography.Text type="secondary">
                  {'from' in change || 'to' in change
                    ? t('records.timeline.changeValue', {
                        field: fieldLabel(t, field),
                        from: changedValue(t, field, change.from),
                        to: changedValue(t, field, change.to),
                      })
                    : t('records.timeline.changeOnly', { field: fieldLabel(t, field) })}
                </Typography.Text>
              </div>
            ))}
          </div>
        ),
      };
  }
}

/** One complaint or case: every field, its history as a timeline, the complainant masked unless shown (audited). */
export function RecordDetail() {
  const { kind, id } = useParams();
  if ((kind !== 'complaints' && kind !== 'cases') || !id || !/^\d+$/.test(id)) {
    return <Navigate to="/records" replace />;
  }
  return <RecordView key={`${kind}/${id}`} path={kind} id={id} />;
}

function RecordView({ path, id }: { path: RecordPath; id: string }) {
  const { t, locale } = useI18n();
  const { me, town } = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const state = useQuery(`record|${path}|${id}`, (signal) => fetchRecord(path, id, undefined, signal));
  const reference = useRecordReference(town?.code);
  const [revealed, setRevealed] = useState<{ record: AnyRecord; reason: string }>();
  const [asking, setAsking] = useState(false);
  const record = revealed?.record ?? state.data;
  const back = (
    <Link to={from ? `/records?${from}` : '/records'} data-testid="record-back">
      {t('records.back')}
    </Link>
  );

  if (state.error) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {back}
        <QueryError error={state.error} onRetry={state.reload} />
      </Space>
    );
  }
  if (!record) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  }

  const english = locale === 'en-US';
  const path2 = categoryPath(reference.categories, record.category.code);
  const categoryText =
    path2.length > 0 ? path2.map((node) => (english ? node.nameEn : node.name)).join(' › ') : record.category.name;
  const yesNo = (value: boolean | null) =>
    value === null ? t('records.none') : t(value ? 'records.yes' : 'records.no');
  const time = (text: string | null) => townTime(text) ?? t('records.none');
  const item = (key: string, label: MessageKey, children: ReactNode, span?: 'filled') => ({
    key,
    label: t(label),
    children,
    span,
  });
  const items: NonNullable<DescriptionsProps['items']> = [
    item('externalNo', 'records.field.externalNo', <span data-testid="record-external-no">{record.externalNo}</span>),
    item('sourceSystem', 'records.field.sourceSystem', record.sourceSystem),
    record.kind === 'complaint'
      ? item('channel', 'records.field.channel', labelOf(t, 'channel', record.channel))
      : item('source', 'records.field.source', labelOf(t, 'source', record.source)),
    item('category', 'records.field.category', categoryText),
    item('place', 'records.field.place', `${record.town.name} › ${record.place?.name ?? t('records.unknownPlace')}`),
    item('department', 'records.field.department', record.department?.name ?? t('records.none')),
    item('openedAt', 'records.field.openedAt', time(record.openedAt)),
    item('firstResponseAt', 'records.field.firstResponseAt', time(record.firstResponseAt)),
    item('deadlineAt', 'records.field.deadlineAt', time(record.deadlineAt)),
    item('closedAt', 'records.field.closedAt', time(record.closedAt)),
    item(
      'status',
      'records.field.status',
      <Tag color={record.status === 'closed' ? 'green' : 'blue'}>{labelOf(t, 'status', record.status)}</Tag>,
    ),
    item('flags', 'records.field.difficult', <span data-testid="record-difficult">{yesNo(record.difficult)}</span>),
    item(
      'overdue',
      'records.field.overdue',
      record.overdue ? <Tag color="red">{t('records.mark.overdue')}</Tag> : t('records.no'),
    ),
    item(
      'handling',
      'records.field.handling',
      record.handlingMs === null
        ? t('records.none')
        : t('records.hours', { calendar: formatHours(record.handlingMs), work: formatHours(record.handlingWorkMs) }),
    ),
    ...(record.kind === 'complaint'
      ? [
          item('satisfaction', 'records.field.satisfaction', labelOf(t, 'satisfaction', record.satisfaction)),
          item('resolved', 'records.field.resolved', yesNo(record.resolved)),
          item('reopenCount', 'records.field.reopenCount', formatCount(record.reopenCount, locale)),
        ]
      : [
          item('partyName', 'records.field.partyName', record.partyName ?? t('records.none')),
          item('outcome', 'records.field.outcome', labelOf(t, 'outcome', record.outcome)),
          item(
            'penaltyFen',
            'records.field.penaltyFen',
            record.penaltyFen === null
              ? t('records.none')
              : t('records.yuan', { value: (record.penaltyFen / 100).toFixed(2) }),
          ),
          item(
            'complaintId',
            'records.field.complaintId',
            record.complaintId === null ? (
              t('records.none')
            ) : (
              <Link to={`/records/complaints/${record.complaintId}`}>#{record.complaintId}</Link>
            ),
          ),
        ]),
    item(
      'enterprise',
      'records.field.enterprise',
      record.enterprise ? `${record.enterprise.name}（${record.enterprise.creditCode}）` : t('records.none'),
    ),
    item('title', 'records.field.title', record.title ?? t('records.none'), 'filled'),
    item('address', 'records.field.address', record.address ?? t('records.none'), 'filled'),
    item(
      'content',
      'records.field.content',
      <span style={{ whiteSpace: 'pre-wrap' }} data-testid="record-content">
        {record.content || t('records.none')}
      </span>,
      'filled',
    ),
  ];

  const mayReveal = me.permissions.includes('pii:read');
  const complainant = record.kind === 'complaint' ? record.complainant : undefined;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        {back}
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t(record.kind === 'complaint' ? 'records.tab.complaints' : 'records.tab.cases')} · {record.externalNo}
        </Typography.Title>
        {record.difficult && <Tag color="purple">{t('records.mark.difficult')}</Tag>}
        {record.overdue && (
          <Tag color="red" data-testid="record-overdue">
            {t('records.mark.overdue')}
          </Tag>
        )}
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {complainant && (
              <Card
                size="small"
                title={t('records.detail.complainant')}
                data-testid="record-complainant"
                extra={
                  mayReveal &&
                  (revealed ? (
                    <Button size="small" onClick={() => setRevealed(undefined)} data-testid="record-mask">
                      {t('records.reveal.hide')}
                    </Button>
                  ) : (
                    <Button size="small" type="primary" onClick={() => setAsking(true)} data-testid="record-reveal">
                      {t('records.reveal.button')}
                    </Button>
                  ))
                }
              >
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 3 }}
                  items={[
                    {
                      key: 'name',
                      label: t('records.field.complainantName'),
                      children: <span data-testid="complainant-name">{complainant.name ?? t('records.none')}</span>,
                    },
                    {
                      key: 'phone',
                      label: t('records.field.complainantPhone'),
                      children: <span data-testid="complainant-phone">{complainant.phone ?? t('records.none')}</span>,
                    },
                    {
                      key: 'masked',
                      label: t('records.reveal.masked'),
                      children: <span data-testid="complainant-masked">{yesNo(complainant.masked)}</span>,
                    },
                  ]}
                />
                {revealed ? (
                  <Alert type="warning" showIcon title={t('records.reveal.shown', { reason: revealed.reason })} />
                ) : (
                  mayReveal && <Typography.Text type="secondary">{t('records.reveal.audited')}</Typography.Text>
                )}
              </Card>
            )}
            <Card size="small" title={t('records.detail.basic')}>
              <Descriptions
                data-testid="record-fields"
                size="small"
                bordered
                column={{ xs: 1, md: 2, xxl: 3 }}
                styles={{ label: { whiteSpace: 'nowrap' } }}
                items={items}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('records.detail.timeline')}>
            <Timeline
              data-testid="record-timeline"
              items={timeline(record).map((event) => eventItem(t, event, record))}
            />
          </Card>
        </Col>
      </Row>
      <RevealModal
        open={asking}
        path={path}
        id={id}
        onCancel={() => setAsking(false)}
        onRevealed={(shown, reason) => {
          setRevealed({ record: shown, reason });
          setAsking(false);
        }}
      />
    </Space>
  );
}
