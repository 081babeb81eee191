import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { describeError } from '../../api/errors';
import {
  acknowledgeWarning,
  closeWarning,
  dismissWarning,
  promoteWarning,
  type RectifyBody,
  rectifyWarning,
  reopenWarning,
  updateRectification,
  WARNING_STATUSES,
  type WarningDetail,
  type WarningStatus,
} from '../../api/warnings';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { canPromote, currentMonth, stepsFor, type WarningStep } from './warnings.model';

type Action = WarningStep | 'promote';

interface Values {
  note?: string;
  owner?: string;
  /** `YYYY-MM-DD` from the browser's own date input (drawn in the user's language). */
  dueDay?: string;
  actions?: string;
  result?: string;
  reason?: string;
  /** `YYYY-MM`. */
  month?: string;
  title?: string;
  plan?: string;
}

const text = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

class NothingChanged extends Error {}

/** Send one step with the status the user saw (a stale one is 409); the answer is the warning as it now stands. */
async function send(action: Action, warning: WarningDetail, values: Values): Promise<void> {
  const expectedStatus = warning.status;
  const day = text(values.dueDay);
  switch (action) {
    case 'acknowledge':
      await acknowledgeWarning(warning.id, { note: text(values.note), expectedStatus });
      return;
    case 'rectify':
      await rectifyWarning(warning.id, {
        owner: text(values.owner) ?? '',
        dueDay: day ?? '',
        actions: text(values.actions) ?? '',
        note: text(values.note),
        expectedStatus,
      });
      return;
    case 'updateRectification': {
      // Only what changed; an empty field keeps what is there.
      const body: Partial<RectifyBody> = { note: text(values.note), expectedStatus };
      const owner = text(values.owner);
      const actions = text(values.actions);
      if (owner !== undefined && owner !== warning.owner) {
        body.owner = owner;
      }
      if (day !== undefined && day !== warning.dueDay) {
        body.dueDay = day;
      }
      if (actions !== undefined && actions !== warning.actions) {
        body.actions = actions;
      }
      if (body.owner === undefined && body.dueDay === undefined && body.actions === undefined) {
        throw new NothingChanged();
      }
      await updateRectification(warning.id, body);
      return;
    }
    case 'close':
      await closeWarning(warning.id, { result: text(values.result) ?? '', expectedStatus });
      return;
    case 'dismiss':
      await dismissWarning(warning.id, { reason: text(values.reason) ?? '', expectedStatus });
      return;
    case 'reopen':
      await reopenWarning(warning.id, { note: text(values.note) ?? '', expectedStatus });
      return;
    case 'promote':
      await promoteWarning(warning.id, {
        month: text(values.month) ?? currentMonth(Date.now()),
        title: text(values.title),
        owner: text(values.owner) ?? '',
        plan: text(values.plan) ?? '',
      });
      return;
  }
}

const statusOf = (error: ApiError): WarningStatus | undefined => {
  const status = error.details?.status;
  return WARNING_STATUSES.find((s) => s === status);
};

/**
 * The lifecycle buttons the user may press from the warning's status (none without warnings:write), each opening a
 * short form. A 409 (someone else moved the warning first) says so in Chinese and reloads the warning.
 */
export function WarningActions({ warning, onChanged }: { warning: WarningDetail; onChanged(): void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const steps: Action[] = stepsFor(warning.status, me.permissions);
  if (canPromote(me, warning.status)) {
    steps.push('promote');
  }
  if (!me.permissions.includes('warnings:write')) {
    return (
      <Typography.Text type="secondary" data-testid="warning-read-only">
        {t('warnings.action.readOnly')}
      </Typography.Text>
    );
  }

  const start = (action: Action) => {
    setFailure(null);
    setOpen(action);
  };

  const submit = async () => {
    if (!open) {
      return;
    }
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    const action = open;
    setBusy(true);
    setFailure(null);
    try {
      await send(action, warning, values);
      setOpen(null);
      if (action === 'promote') {
        message.success(t('warnings.action.promoted', { month: values.month ?? '' }));
      } else {
        const actionName = t(`warnings.action.${action}`);
        message.success(t('warnings.action.done', { action: actionName, status: t(statusAfter(action)) }));
      }
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict' && action !== 'promote') {
        setOpen(null);
        const now = statusOf(error);
        message.error(
          now ? t('warnings.action.conflict', { status: t(`warnings.status.${now}`) }) : describeError(error, t),
          8,
        );
        onChanged();
      } else {
        setFailure(error instanceof NothingChanged ? t('warnings.form.needOne') : describeError(error, t));
      }
    } finally {
      setBusy(false);
    }
  };

  const required = (field: MessageKey) => [
    { required: true, whitespace: true, message: t('warnings.form.required', { field: t(field) }) },
  ];
  const fields = open ? formFields(open, t, required) : null;

  return (
    <>
      <Space wrap size={8} data-testid="warning-actions" style={{ justifyContent: 'flex-end' }}>
        {steps.map((step) => (
          <Button
            key={step}
            data-testid={`warning-action-${step}`}
            type={step === 'acknowledge' || step === 'rectify' || step === 'close' ? 'primary' : 'default'}
            danger={step === 'dismiss'}
            onClick={() => start(step)}
          >
            {t(`warnings.action.${step}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null}
        title={open ? t(`warnings.action.${open}`) : ''}
        okText={t('warnings.form.submit')}
        cancelText={t('warnings.form.cancel')}
        okButtonProps={{ loading: busy, 'data-testid': 'warning-action-submit' }}
        onOk={() => void submit()}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {warning.summary}
          </Typography.Paragraph>
          {failure !== null && <Alert type="error" showIcon title={failure} data-testid="warning-action-error" />}
          <Form
            key={open ?? 'closed'}
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={open ? initialValues(open, warning) : undefined}
          >
            {fields}
          </Form>
        </Space>
      </Modal>
    </>
  );
}

/** What a form starts with: the rectification as it stands when changing it, this month for a monthly problem. */
function initialValues(action: Action, warning: WarningDetail): Values {
  if (action === 'updateRectification') {
    return {
      owner: warning.owner ?? undefined,
      dueDay: warning.dueDay ?? undefined,
      actions: warning.actions ?? undefined,
    };
  }
  return action === 'promote' ? { month: currentMonth(Date.now()) } : {};
}

function statusAfter(step: WarningStep): MessageKey {
  const to: Record<WarningStep, WarningStatus> = {
    acknowledge: 'acknowledged',
    rectify: 'rectifying',
    updateRectification: 'rectifying',
    close: 'closed',
    dismiss: 'dismissed',
    reopen: 'acknowledged',
  };
  return `warnings.status.${to[step]}`;
}

type Rules = (field: MessageKey) => { required: boolean; whitespace: boolean; message: string }[];

function formFields(action: Action, t: (key: MessageKey) => string, required: Rules) {
  const note = (
    <Form.Item name="note" label={t('warnings.form.note')}>
      <Input.TextArea rows={2} maxLength={500} data-testid="warning-form-note" />
    </Form.Item>
  );
  const rectification = (isRequired: boolean) => (
    <>
      <Form.Item
        name="owner"
        label={t('warnings.form.owner')}
        rules={isRequired ? required('warnings.form.owner') : undefined}
      >
        <Input maxLength={100} placeholder={t('warnings.form.ownerHint')} data-testid="warning-form-owner" />
      </Form.Item>
      <Form.Item
        name="dueDay"
        label={t('warnings.form.dueDay')}
        rules={isRequired ? required('warnings.form.dueDay') : undefined}
      >
        <Input type="date" min="2000-01-01" max="2099-12-31" data-testid="warning-form-due-day" />
      </Form.Item>
      <Form.Item
        name="actions"
        label={t('warnings.form.actions')}
        rules={isRequired ? required('warnings.form.actions') : undefined}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="warning-form-actions" />
      </Form.Item>
    </>
  );
  switch (action) {
    case 'acknowledge':
      return note;
    case 'rectify':
      return (
        <>
          {rectification(true)}
          {note}
        </>
      );
    case 'updateRectification':
      return (
        <>
          {rectification(false)}
          {note}
        </>
      );
    case 'close':
      return (
        <Form.Item name="result" label={t('warnings.form.result')} rules={required('warnings.form.result')}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('warnings.form.resultHint')}
            data-testid="warning-form-result"
          />
        </Form.Item>
      );
    case 'dismiss':
      return (
        <Form.Item name="reason" label={t('warnings.form.reason')} rules={required('warnings.form.reason')}>
          <Input.TextArea
            rows={3}
            maxLength={500}
            placeholder={t('warnings.form.reasonHint')}
            data-testid="warning-form-reason"
          />
        </Form.Item>
      );
    case 'reopen':
      return (
        <Form.Item name="note" label={t('warnings.form.reopenNote')} rules={required('warnings.form.reopenNote')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="warning-form-note" />
        </Form.Item>
      );
    case 'promote':
      return (
        <>
          <Form.Item name="month" label={t('warnings.form.month')} rules={required('warnings.form.month')}>
            <Input type="month" data-testid="warning-form-month" />
          </Form.Item>
          <Form.Item name="title" label={t('warnings.form.problemTitle')}>
            <Input maxLength={200} placeholder={t('warnings.form.problemTitleHint')} />
          </Form.Item>
          <Form.Item name="owner" label={t('warnings.form.owner')} rules={required('warnings.form.owner')}>
            <Input maxLength={100} data-testid="warning-form-owner" />
          </Form.Item>
          <Form.Item name="plan" label={t('warnings.form.plan')} rules={required('warnings.form.plan')}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="warning-form-plan" />
          </Form.Item>
        </>
      );
  }
}
