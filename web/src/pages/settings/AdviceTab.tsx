import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  type AdvicePreview,
  type AdviceTemplate,
  fetchAdviceTemplates,
  previewAdvice,
  resetAdviceTemplate,
  type Situation,
  saveAdviceTemplate,
  type TemplateTexts,
} from '../../api/settings';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../../components/session';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ReadOnlyNote, useAction, useCanWrite } from './common';
import type { TabProps } from './SettingsPage';

const SITUATIONS: readonly Situation[] = ['village_surge', 'spread', 'slow_rise', 'new_term', 'overdue_backlog'];
const ORIGIN_COLOURS = { builtin: 'default', edited: 'orange', town: 'blue' } as const;

/** 整改意见库: the town's advice templates (built in and its edits); edit one with a preview; back to built-in. */
export default function AdviceTab({ roles }: TabProps) {
  const { t, locale } = useI18n();
  const { town } = useSession();
  const canWrite = useCanWrite(roles, 'advice:write');
  const [params, setParams] = useSearchParams();
  const [round, setRound] = useState(0);
  const townCode = town?.code;
  const situation = SITUATIONS.find((item) => item === params.get('situation'));
  const openCode = params.get('template');
  const state = useQuery(
    `settings|advice|${townCode}|${round}`,
    (signal) => fetchAdviceTemplates(townCode ?? '', signal),
    townCode !== undefined,
  );
  const english = locale === 'en-US';

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(name, value);
    } else {
      next.delete(name);
    }
    setParams(next, { replace: name !== 'template' });
  };

  if (!townCode) {
    return <Typography.Text type="secondary">{t('settings.noTown')}</Typography.Text>;
  }
  if (state.error) {
    return <QueryError error={state.error} onRetry={state.reload} />;
  }
  if (!state.data) {
    return <Skeleton active paragraph={{ rows: 10 }} />;
  }
  const all = state.data;
  const shown = situation ? all.filter((item) => item.situation === situation) : all;
  const open = all.find((item) => item.code === openCode);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {!canWrite && <ReadOnlyNote />}
      <Space wrap>
        <Select
          data-testid="advice-situation"
          style={{ width: 160 }}
          value={situation ?? 'all'}
          onChange={(value) => setParam('situation', value === 'all' ? undefined : value)}
          options={[
            { value: 'all', label: t('settings.advice.situation.all') },
            ...SITUATIONS.map((item) => ({ value: item, label: t(`settings.advice.situation.${item}`) })),
          ]}
        />
        <Typography.Text type="secondary">
          {t('settings.advice.count', {
            count: formatCount(all.length, locale),
            edited: formatCount(all.filter((item) => item.origin !== 'builtin').length, locale),
          })}
        </Typography.Text>
      </Space>
      <Table<AdviceTemplate>
        data-testid="advice-table"
        size="small"
        rowKey="code"
        dataSource={shown}
        pagination={{ pageSize: 12, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('settings.advice.empty') }}
        columns={[
          {
            title: t('settings.advice.titleField'),
            key: 'title',
            render: (_, row) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                data-testid={`advice-open-${row.code}`}
                onClick={() => setParam('template', row.code)}
              >
                {english ? row.titleEn : row.title}
              </Button>
            ),
          },
          { title: t('settings.code'), dataIndex: 'code' },
          {
            title: t('settings.advice.situation'),
            dataIndex: 'situation',
            render: (value: Situation) => t(`settings.advice.situation.${value}`),
          },
          {
            title: t('settings.advice.category'),
            dataIndex: 'categoryCode',
            render: (value: string | null) => value ?? t('settings.advice.anyCategory'),
          },
          {
            title: t('settings.advice.origin'),
            dataIndex: 'origin',
            render: (value: AdviceTemplate['origin']) => (
              <Tag color={ORIGIN_COLOURS[value]}>{t(`settings.advice.origin.${value}`)}</Tag>
            ),
          },
          {
            title: t('settings.departments.status'),
            dataIndex: 'active',
            render: (value: boolean) =>
              value ? (
                <Tag color="green">{t('settings.advice.active')}</Tag>
              ) : (
                <Tag>{t('settings.advice.inactive')}</Tag>
              ),
          },
        ]}
      />
      {open && (
        <AdviceEditor
          key={`${open.code}|${open.updatedAt}`}
          town={townCode}
          template={open}
          canWrite={canWrite}
          onClose={() => setParam('template', undefined)}
          onChanged={() => setRound((n) => n + 1)}
        />
      )}
    </Space>
  );
}

interface EditorValues extends TemplateTexts {
  active: boolean;
}

function AdviceEditor({
  town,
  template,
  canWrite,
  onClose,
  onChanged,
}: {
  town: string;
  template: AdviceTemplate;
  canWrite: boolean;
  onClose(): void;
  onChanged(): void;
}) {
  const { t, locale } = useI18n();
  const english = locale === 'en-US';
  const [form] = Form.useForm<EditorValues>();
  const { busy, run } = useAction();
  const [preview, setPreview] = useState<AdvicePreview>();
  const [previewing, setPreviewing] = useState(false);
  const generic = template.code.startsWith('generic.');

  const showPreview = async () => {
    const values = form.getFieldsValue();
    setPreviewing(true);
    await run(
      () =>
        previewAdvice(town, template.code, {
          title: values.title,
          titleEn: values.titleEn,
          body: values.body,
          bodyEn: values.bodyEn,
        }),
      undefined,
      setPreview,
    );
    setPreviewing(false);
  };

  return (
    <Drawer
      open
      size={720}
      title={t('settings.advice.editTitle', { code: template.code })}
      onClose={onClose}
      destroyOnHidden
      data-testid="advice-editor"
      extra={
        <Space>
          {canWrite && template.origin !== 'builtin' && (
            <Popconfirm
              title={t('settings.advice.resetConfirm', { code: template.code })}
              onConfirm={() =>
                run(() => resetAdviceTemplate(town, template.code), t('settings.advice.resetDone'), onChanged)
              }
            >
              <Button danger data-testid="advice-reset">
                {t('settings.advice.reset')}
              </Button>
            </Popconfirm>
          )}
          <Button onClick={showPreview} loading={previewing} data-testid="advice-preview">
            {t('settings.advice.preview')}
          </Button>
          {canWrite && (
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="advice-save">
              {t('settings.save')}
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={t('settings.advice.situation')}>
            {t(`settings.advice.situation.${template.situation}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.advice.category')}>
            {template.categoryCode ?? t('settings.advice.anyCategory')}
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.advice.origin')}>
            {t(`settings.advice.origin.${template.origin}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.advice.active')}>
            {template.active ? t('settings.yes') : t('settings.no')}
          </Descriptions.Item>
        </Descriptions>
        <Card size="small" title={t('settings.advice.previewTitle')} data-testid="advice-preview-card">
          {preview ? (
            <Space orientation="vertical" style={{ width: '100%' }} data-testid="advice-preview-result">
              <Typography.Text strong>{english ? preview.titleEn : preview.title}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {english ? preview.adviceEn : preview.advice}
              </Typography.Paragraph>
              <Typography.Text type="secondary">
                {t('settings.advice.department')}：
                {(english ? preview.department?.nameEn : preview.department?.name) ?? t('settings.advice.noDepartment')}
              </Typography.Text>
            </Space>
          ) : (
            <Alert type="info" title={t('settings.advice.previewHint')} />
          )}
        </Card>
        <Form
          form={form}
          layout="vertical"
          disabled={!canWrite}
          initialValues={{
            title: template.title,
            titleEn: template.titleEn,
            body: template.body,
            bodyEn: template.bodyEn,
            active: template.active,
          }}
          onFinish={(values) =>
            run(() => saveAdviceTemplate(town, template.code, values), t('settings.saved'), onChanged)
          }
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('settings.advice.placeholders')}
          </Typography.Paragraph>
          <Form.Item
            name="title"
            label={t('settings.advice.titleField')}
            rules={[{ required: true, message: t('settings.required') }]}
          >
            <Input maxLength={120} data-testid="advice-title" />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('settings.advice.body')}
            rules={[{ required: true, message: t('settings.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={3000} data-testid="advice-body" />
          </Form.Item>
          <Form.Item
            name="titleEn"
            label={t('settings.advice.titleEn')}
            rules={[{ required: true, message: t('settings.required') }]}
          >
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item
            name="bodyEn"
            label={t('settings.advice.bodyEn')}
            rules={[{ required: true, message: t('settings.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={3000} />
          </Form.Item>
          {!generic && (
            <Form.Item name="active" label={t('settings.advice.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Space>
    </Drawer>
  );
}
