import type { ButtonProps } from 'antd';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  type AdminUser,
  createUser,
  fetchUsers,
  type RoleInfo,
  resetUserPassword,
  revokeUserSessions,
  setUserGrants,
  updateUser,
} from '../../api/settings';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import { ReadOnlyNote, useAction } from './common';
import { GrantsFields, type GrantsValues } from './GrantsFields';
import type { TabProps } from './SettingsPage';
import { completeGrants, grantText } from './settings.model';

type Dialog = { kind: 'create' } | { kind: 'grants'; user: AdminUser } | { kind: 'password'; user: AdminUser };

/** 用户与角色: the users within the administrator's scope, their grants, and what each role may do. */
export default function UsersTab({ roles }: TabProps) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const canWrite = me.permissions.includes('users:write');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [round, setRound] = useState(0);
  const [dialog, setDialog] = useState<Dialog>();
  const { busy, run } = useAction();
  const { message } = App.useApp();
  const state = useQuery(`settings|users|${q}|${round}`, (signal) => fetchUsers({ q: q || undefined }, signal));
  const reload = () => setRound((n) => n + 1);
  const english = locale === 'en-US';

  const setQ = (value: string) => {
    const next = new URLSearchParams(params);
    if (value.trim()) {
      next.set('q', value.trim());
    } else {
      next.delete('q');
    }
    setParams(next, { replace: true });
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {!canWrite && <ReadOnlyNote />}
      <Space wrap>
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('settings.users.search')}
          onSearch={setQ}
          style={{ width: 260 }}
          data-testid="users-search"
        />
        {canWrite && (
          <Button type="primary" onClick={() => setDialog({ kind: 'create' })} data-testid="user-create">
            {t('settings.users.create')}
          </Button>
        )}
      </Space>
      {state.error ? (
        <QueryError error={state.error} onRetry={state.reload} />
      ) : (
        <Table<AdminUser>
          data-testid="users-table"
          size="small"
          rowKey="id"
          loading={state.loading}
          dataSource={state.data ?? []}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('settings.users.empty') }}
          columns={[
            {
              title: t('settings.users.username'),
              dataIndex: 'username',
              render: (username: string, user) => (
                <span data-user={username}>
                  {username}
                  {user.demo && (
                    <Tag style={{ marginLeft: 6 }} color="gold">
                      {t('settings.users.demo')}
                    </Tag>
                  )}
                </span>
              ),
            },
            { title: t('settings.users.displayName'), dataIndex: 'displayName' },
            {
              title: t('settings.users.grants'),
              key: 'grants',
              render: (_, user) =>
                user.grants.length === 0 ? (
                  <Typography.Text type="secondary">{t('settings.users.noGrants')}</Typography.Text>
                ) : (
                  user.grants.map((grant) => (
                    <Tag key={grantText(grant)} title={grantText(grant)} style={{ marginBottom: 2 }}>
                      {english ? grant.role : grant.roleName} @{' '}
                      {grant.kind === 'all' ? t('settings.users.scope.all') : (grant.name ?? grant.code)}
                    </Tag>
                  ))
                ),
            },
            {
              title: t('settings.users.status'),
              key: 'status',
              render: (_, user) =>
                user.disabled ? (
                  <Tag>{t('settings.users.disabled')}</Tag>
                ) : user.lockedUntil !== null && user.lockedUntil > Date.now() ? (
                  <Tag color="red">{t('settings.users.locked')}</Tag>
                ) : (
                  <Tag color="green">{t('settings.users.enabled')}</Tag>
                ),
            },
            ...(canWrite
              ? [
                  {
                    title: t('settings.actions'),
                    key: 'actions',
                    render: (_: unknown, user: AdminUser) => (
                      <Space size={0} wrap={false}>
                        <Button
                          size="small"
                          type="link"
                          data-testid={`user-grants-${user.username}`}
                          onClick={() => setDialog({ kind: 'grants', user })}
                        >
                          {t('settings.users.editGrants')}
                        </Button>
                        <Button size="small" type="link" onClick={() => setDialog({ kind: 'password', user })}>
                          {t('settings.users.setPassword')}
                        </Button>
                        <Popconfirm
                          title={t('settings.users.endSessionsConfirm', { name: user.displayName })}
                          onConfirm={() =>
                            run(async () => {
                              const { revoked } = await revokeUserSessions(user.id);
                              void message.success(t('settings.users.sessionsEnded', { count: revoked }));
                            })
                          }
                        >
                          <Button size="small" type="link">
                            {t('settings.users.endSessions')}
                          </Button>
                        </Popconfirm>
                        {user.id !== me.user?.id && (
                          <Popconfirm
                            title={t(user.disabled ? 'settings.users.enableConfirm' : 'settings.users.disableConfirm', {
                              name: user.displayName,
                            })}
                            onConfirm={() =>
                              run(() => updateUser(user.id, { disabled: !user.disabled }), t('settings.saved'), reload)
                            }
                          >
                            <Button
                              size="small"
                              type="link"
                              danger={!user.disabled}
                              data-testid={`user-toggle-${user.username}`}
                            >
                              {t(user.disabled ? 'settings.users.enable' : 'settings.users.disable')}
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <RolesCard roles={roles} />
      {dialog?.kind === 'create' && (
        <CreateUserDialog roles={roles} busy={busy} run={run} onClose={() => setDialog(undefined)} onDone={reload} />
      )}
      {dialog?.kind === 'grants' && (
        <GrantsDialog
          user={dialog.user}
          roles={roles}
          busy={busy}
          run={run}
          onClose={() => setDialog(undefined)}
          onDone={reload}
        />
      )}
      {dialog?.kind === 'password' && (
        <PasswordDialog user={dialog.user} busy={busy} run={run} onClose={() => setDialog(undefined)} />
      )}
    </Space>
  );
}

type Run = ReturnType<typeof useAction>['run'];

interface CreateValues extends GrantsValues {
  username: string;
  displayName: string;
  password: string;
}

function CreateUserDialog({
  roles,
  busy,
  run,
  onClose,
  onDone,
}: {
  roles: RoleInfo[];
  busy: boolean;
  run: Run;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<CreateValues>();
  return (
    <Modal
      open
      width={720}
      title={t('settings.users.create')}
      okText={t('settings.save')}
      cancelText={t('settings.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'user-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ grants: [{}] }}
        onFinish={async (values) => {
          const ok = await run(
            () =>
              createUser({
                username: values.username.trim().toLowerCase(),
                displayName: values.displayName.trim(),
                password: values.password,
                grants: completeGrants(values.grants ?? []),
              }),
            t('settings.users.created', { username: values.username }),
          );
          if (ok) {
            onClose();
            onDone();
          }
        }}
      >
        <Space wrap align="start">
          <Form.Item
            name="username"
            label={t('settings.users.username')}
            rules={[{ required: true, pattern: /^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$/, message: t('settings.required') }]}
          >
            <Input style={{ width: 200 }} data-testid="user-username" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('settings.users.displayName')}
            rules={[{ required: true, message: t('settings.required') }]}
          >
            <Input style={{ width: 200 }} data-testid="user-display-name" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('settings.users.password')}
            extra={t('settings.users.passwordHelp')}
            rules={[{ required: true, min: 10, message: t('settings.users.passwordHelp') }]}
          >
            <Input.Password style={{ width: 220 }} data-testid="user-password" autoComplete="new-password" />
          </Form.Item>
        </Space>
        <Typography.Text strong>{t('settings.users.grants')}</Typography.Text>
        <div style={{ marginTop: 8 }}>
          <GrantsFields form={form} roles={roles} />
        </div>
      </Form>
    </Modal>
  );
}

function GrantsDialog({
  user,
  roles,
  busy,
  run,
  onClose,
  onDone,
}: {
  user: AdminUser;
  roles: RoleInfo[];
  busy: boolean;
  run: Run;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<GrantsValues>();
  return (
    <Modal
      open
      width={720}
      title={t('settings.users.editGrantsTitle', { name: user.displayName })}
      okText={t('settings.save')}
      cancelText={t('settings.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'grants-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ grants: user.grants.map(({ role, kind, code }) => ({ role, kind, code })) }}
        onFinish={async (values) => {
          const ok = await run(() => setUserGrants(user.id, completeGrants(values.grants ?? [])), t('settings.saved'));
          if (ok) {
            onClose();
            onDone();
          }
        }}
      >
        <GrantsFields form={form} roles={roles} known={user.grants} />
      </Form>
    </Modal>
  );
}

function PasswordDialog({ user, busy, run, onClose }: { user: AdminUser; busy: boolean; run: Run; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  return (
    <Modal
      open
      title={t('settings.users.setPasswordTitle', { name: user.displayName })}
      okText={t('settings.save')}
      cancelText={t('settings.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          if (await run(() => resetUserPassword(user.id, values.password), t('settings.users.passwordSet'))) {
            onClose();
          }
        }}
      >
        <Form.Item
          name="password"
          label={t('settings.users.newPassword')}
          extra={t('settings.users.passwordHelp')}
          rules={[{ required: true, min: 10, message: t('settings.users.passwordHelp') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RolesCard({ roles }: { roles: RoleInfo[] }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('settings.users.roles')} data-testid="roles-card">
      <Table<RoleInfo>
        size="small"
        rowKey="code"
        dataSource={roles}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('settings.users.role'),
            key: 'name',
            render: (_, role) => (
              <span data-role={role.code} style={{ whiteSpace: 'nowrap' }}>
                {role.name}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {role.code}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: t('settings.users.roleScopes'),
            key: 'scopes',
            render: (_, role) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {role.scopes.map((kind) => t(`settings.users.scope.${kind}`)).join(' / ')}
              </span>
            ),
          },
          {
            title: t('settings.users.permissions'),
            key: 'permissions',
            render: (_, role) => (
              <div style={{ maxWidth: 760 }}>
                {role.permissions.map((permission) => (
                  <Tag key={permission} style={{ marginBottom: 2 }}>
                    {permission}
                  </Tag>
                ))}
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}
