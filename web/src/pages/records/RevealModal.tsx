import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { describeError } from '../../api/errors';
import { type AnyRecord, fetchRecord, type RecordPath } from '../../api/records';
import { useI18n } from '../../i18n/i18n';
import { reasonProblem } from './records.model';

/**
 * Asks why the complainant is to be read unmasked (4–200 characters, as the API checks), then reads the complaint
 * with `reveal=true&reason=…`; the server writes the read and its reason to the audit log.
 */
export function RevealModal({
  open,
  path,
  id,
  onCancel,
  onRevealed,
}: {
  open: boolean;
  path: RecordPath;
  id: string;
  onCancel(): void;
  onRevealed(record: AnyRecord, reason: string): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const submit = async () => {
    const { reason } = await form.validateFields();
    const trimmed = reason.trim();
    setBusy(true);
    setFailure(undefined);
    try {
      const record = await fetchRecord(path, id, trimmed);
      form.resetFields();
      onRevealed(record, trimmed);
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.code === 'forbidden'
          ? t('records.reveal.forbidden')
          : describeError(error, t),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('records.reveal.title')}
      okText={t('records.reveal.ok')}
      cancelText={t('records.reveal.cancel')}
      confirmLoading={busy}
      onOk={() => {
        submit().catch(() => {
          // validation failed: the form shows the message under the field
        });
      }}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'reveal-ok' } as Record<string, string>}
    >
      <Typography.Paragraph type="secondary">{t('records.reveal.audited')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('records.reveal.reason')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const problem = reasonProblem(value ?? '');
                if (problem) {
                  throw new Error(t(problem === 'short' ? 'records.reveal.short' : 'records.reveal.long'));
                }
              },
            },
          ]}
        >
          <Input.TextArea
            data-testid="reveal-reason"
            rows={3}
            showCount
            maxLength={200}
            placeholder={t('records.reveal.placeholder')}
          />
        </Form.Item>
      </Form>
      {failure && <Alert type="error" showIcon title={failure} data-testid="reveal-error" />}
    </Modal>
  );
}
