import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { DEPARTMENT_KINDS, type Department, type DepartmentKind, fetchDepartments } from '../../api/departments';
import { createDepartment, seedDefaultDepartments, updateDepartment } from '../../api/settings';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import { ReadOnlyNote, useAction, useCanWrite } from './common';
import type { TabProps } from './SettingsPage';

type Editing = { mode: 'add' } | { mode: 'rename'; department: Department };

/** 部门: the town's enforcement team, line departments, offices and squads; add, rename, (de)activate, seed "1+8". */
export default function DepartmentsTab({ roles }: TabProps) {
  const { t, locale } = useI18n();
  const { town } = useSession();
  const canWrite = useCanWrite(roles, 'departments:write');
  const [round, setRound] = useState(0);
  const [editing, setEditing] = useState<Editing>();
  const { busy, run } = useAction();
  const { message } = App.useApp();
  const townCode = town?.code;
  const state = useQuery(
    `settings|departments|${townCode}|${round}`,
    (signal) => fetchDepartments(townCode ?? '', signal),
    townCode !== undefined,
  );
  const reload = () => setRound((n) => n + 1);

  if (!townCode) {
    return <Typography.Text type="secondary">{t('settings.noTown')}</Typography.Text>;
  }
  if (state.error) {
    return <QueryError error={state.error} onRetry={state.reload} />;
  }
  if (!state.data) {
    return <Skeleton active paragraph={{ rows: 10 }} />;
  }
  const seed = () =>
    run(
      async () => {
        const result = await seedDefaultDepartments(townCode);
        void message.success(t('settings.departments.seeded', { count: result.created.length }));
      },
      undefined,
      reload,
    );
  const english = locale === 'en-US';

  if (state.data.length === 0) {
    return (
      <Card>
        <Empty data-testid="departments-empty" description={t('settings.departments.empty')}>
          {canWrite && (
            <Button type="primary" loading={busy} onClick={seed} data-testid="departments-seed">
              {t('settings.departments.seed')}
            </Button>
          )}
        </Empty>
      </Card>
    );
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {!canWrite && <ReadOnlyNote />}
      {canWrite && (
        <Space>
          <Button type="primary" onClick={() => setEditing({ mode: 'add' })} data-testid="department-add">
            {t('settings.departments.add')}
          </Button>
        </Space>
      )}
      <Table<Department>
        data-testid="departments-table"
        size="small"
        rowKey="code"
        dataSource={state.data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('settings.name'),
            key: 'name',
            render: (_, row) => (
              <span data-department={row.code}>
                {(english && row.nameEn) || row.name}
                {!english && row.nameEn && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {row.nameEn}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { title: t('settings.code'), dataIndex: 'code' },
          {
            title: t('settings.departments.kind'),
            dataIndex: 'kind',
            render: (kind: DepartmentKind) => t(`settings.departments.kind.${kind}`),
          },
          {
            title: t('settings.departments.responsibilities'),
            dataIndex: 'responsibilities',
            render: (codes: string[]) =>
              codes.length === 0 ? (
                t('common.none')
              ) : (
                <span style={{ display: 'inline-block', maxWidth: 360 }}>
                  {codes.map((code) => (
                    <Tag key={code} style={{ marginBottom: 2 }}>
                      {code}
                    </Tag>
                  ))}
                </span>
              ),
          },
          {
            title: t('settings.departments.status'),
            dataIndex: 'active',
            render: (active: boolean) =>
              active ? (
                <Tag color="green">{t('settings.departments.active')}</Tag>
              ) : (
                <Tag>{t('settings.departments.inactive')}</Tag>
              ),
          },
          ...(canWrite
            ? [
                {
                  title: t('settings.actions'),
                  key: 'actions',
                  fixed: 'right' as const,
                  render: (_: unknown, row: Department) => (
                    <Space size={0}>
                      <Button size="small" type="link" onClick={() => setEditing({ mode: 'rename', department: row })}>
                        {t('settings.edit')}
                      </Button>
                      <Popconfirm
                        title={t(
                          row.active
                            ? 'settings.departments.deactivateConfirm'
                            : 'settings.departments.activateConfirm',
                          { name: row.name },
                        )}
                        onConfirm={() =>
                          run(
                            () => updateDepartment(townCode, row.code, { active: !row.active }),
                            t('settings.saved'),
                            reload,
                          )
                        }
                      >
                        <Button
                          size="small"
                          type="link"
                          danger={row.active}
                          data-testid={`department-toggle-${row.code}`}
                        >
                          {t(row.active ? 'settings.departments.deactivate' : 'settings.departments.activate')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <DepartmentForm
          editing={editing}
          busy={busy}
          onCancel={() => setEditing(undefined)}
          onSubmit={async (values) => {
            const nameEn = values.nameEn?.trim() ? values.nameEn.trim() : undefined;
            const ok =
              editing.mode === 'add'
                ? await run(
                    () =>
                      createDepartment(townCode, {
                        code: values.code ?? '',
                        name: values.name,
                        nameEn,
                        kind: values.kind ?? 'department',
                      }),
                    t('settings.saved'),
                  )
                : await run(
                    () =>
                      updateDepartment(townCode, editing.department.code, {
                        name: values.name,
                        nameEn: nameEn ?? null,
                      }),
                    t('settings.saved'),
                  );
            if (ok) {
              setEditing(undefined);
              reload();
            }
          }}
        />
      )}
    </Space>
  );
}

interface DepartmentValues {
  code?: string;
  name: string;
  nameEn?: string;
  kind?: DepartmentKind;
}

function DepartmentForm({
  editing,
  busy,
  onCancel,
  onSubmit,
}: {
  editing: Editing;
  busy: boolean;
  onCancel(): void;
  onSubmit(values: DepartmentValues): Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<DepartmentValues>();
  const initial =
    editing.mode === 'rename'
      ? { name: editing.department.name, nameEn: editing.department.nameEn ?? '' }
      : { kind: 'department' as DepartmentKind };
  return (
    <Modal
      open
      title={
        editing.mode === 'add'
          ? t('settings.departments.add')
          : t('settings.departments.editTitle', { name: editing.department.name })
      }
      okText={t('settings.save')}
      cancelText={t('settings.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onSubmit}>
        {editing.mode === 'add' && (
          <>
            <Form.Item
              name="code"
              label={t('settings.code')}
              extra={t('settings.departments.codeHelp')}
              rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_-]{1,31}$/, message: t('settings.required') }]}
            >
              <Input maxLength={32} />
            </Form.Item>
            <Form.Item name="kind" label={t('settings.departments.kind')} rules={[{ required: true }]}>
              <Select
                options={DEPARTMENT_KINDS.map((kind) => ({
                  value: kind,
                  label: t(`settings.departments.kind.${kind}`),
                }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('settings.name')} rules={[{ required: true, message: t('settings.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('settings.nameEn')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
