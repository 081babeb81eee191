import { Card, Space, Timeline, Typography } from 'antd';
import type { WarningDetail, WarningEvent } from '../../api/warnings';
import { type Translate, useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { StatusTag } from './tags';

const EVENT_COLOURS: Record<string, string> = {
  detected: 'red',
  refreshed: 'gray',
  acknowledged: 'blue',
  rectification_started: 'orange',
  rectification_updated: 'orange',
  closed: 'green',
  dismissed: 'gray',
  reopened: 'blue',
  promoted: 'purple',
  monthly_problem_updated: 'purple',
};

/** The fields a person filled in (owner, due day, result…), each with its label, as the event recorded them. */
const DETAIL_LABELS: [string, MessageKey][] = [
  ['owner', 'warnings.detail.owner'],
  ['dueDay', 'warnings.detail.dueDay'],
  ['actions', 'warnings.detail.actions'],
  ['result', 'warnings.detail.result'],
  ['reason', 'warnings.detail.dismissReason'],
  ['month', 'warnings.form.month'],
  ['title', 'warnings.form.problemTitle'],
  ['plan', 'warnings.form.plan'],
];

function detailText(event: WarningEvent, t: Translate): string[] {
  return DETAIL_LABELS.flatMap(([field, key]) => {
    const value = event.details[field];
    return typeof value === 'string' && value !== '' ? [t('warnings.labelValue', { label: t(key), value })] : [];
  });
}

/** The history of a warning, oldest first: who did what, when, with the note. */
export function WarningHistory({ warning }: { warning: WarningDetail }) {
  const { t } = useI18n();
  // An action this page does not know yet (a newer server) shows as the server names it.
  const label = (action: string) => (action in EVENT_COLOURS ? t(`warnings.event.${action}` as MessageKey) : action);
  return (
    <Card size="small" title={t('warnings.detail.history')} style={{ height: '100%' }}>
      <Timeline
        data-testid="warning-history"
        items={warning.events.map((event) => ({
          key: event.id,
          color: EVENT_COLOURS[event.action] ?? 'gray',
          content: (
            <Space orientation="vertical" size={2} data-testid="warning-event" data-action={event.action}>
              <Space wrap size={6}>
                <Typography.Text strong>{label(event.action)}</Typography.Text>
                <StatusTag status={event.toStatus} />
                <Typography.Text type="secondary">
                  {event.at.slice(0, 16).replace('T', ' ')} · {t('warnings.event.by', { name: event.actor.name })}
                </Typography.Text>
              </Space>
              {event.note && <Typography.Text>{event.note}</Typography.Text>}
              {detailText(event, t).map((text) => (
                <Typography.Text key={text} type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                  {text}
                </Typography.Text>
              ))}
            </Space>
          ),
        }))}
      />
    </Card>
  );
}
