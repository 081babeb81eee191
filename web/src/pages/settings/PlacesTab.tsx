import { Button, Form, Input, Modal, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { fetchPlaceDetail, fetchPlacesWithin, type PlaceDetail, updatePlace } from '../../api/settings';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../../components/session';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ReadOnlyNote, useAction, useCanWrite } from './common';
import type { TabProps } from './SettingsPage';
import { type PlaceTreeRow, placeTree } from './settings.model';

/** 地点: the town and its villages (and groups); rename, English name, aliases; whether a village has a boundary. */
export default function PlacesTab({ roles }: TabProps) {
  const { t, locale } = useI18n();
  const { town } = useSession();
  const canWrite = useCanWrite(roles, 'places:write');
  const [round, setRound] = useState(0);
  const [editing, setEditing] = useState<PlaceDetail>();
  const { busy, run } = useAction();
  const townCode = town?.code;
  const state = useQuery(
    `settings|places|${townCode}|${round}`,
    async (signal) => {
      const code = townCode ?? '';
      const [self, within] = await Promise.all([fetchPlaceDetail(code, signal), fetchPlacesWithin(code, signal)]);
      return { self, within };
    },
    townCode !== undefined,
  );

  if (!townCode) {
    return <Typography.Text type="secondary">{t('settings.noTown')}</Typography.Text>;
  }
  if (state.error) {
    return <QueryError error={state.error} onRetry={state.reload} />;
  }
  if (!state.data) {
    return <Skeleton active paragraph={{ rows: 10 }} />;
  }
  const villages = state.data.within.filter((place) => place.level === 'village');
  const rows = placeTree(state.data.self, state.data.within);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {!canWrite && <ReadOnlyNote />}
      <Typography.Text type="secondary" data-testid="places-summary">
        {villages.length === 0
          ? t('settings.places.empty')
          : t('settings.places.summary', {
              villages: formatCount(villages.length, locale),
              withBoundary: formatCount(villages.filter((place) => place.boundary).length, locale),
            })}
      </Typography.Text>
      <Table<PlaceTreeRow>
        data-testid="places-table"
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={false}
        expandable={{ defaultExpandedRowKeys: [townCode] }}
        scroll={{ x: 'max-content', y: 520 }}
        columns={[
          {
            title: t('settings.name'),
            key: 'name',
            render: (_, row) => (
              <span data-place={row.place.code}>
                {row.place.name}
                {row.place.nameEn && (
                  <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                    {row.place.nameEn}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { title: t('settings.code'), key: 'code', render: (_, row) => row.place.code },
          {
            title: t('settings.places.level'),
            key: 'level',
            render: (_, row) => t(`settings.places.level.${row.place.level}`),
          },
          {
            title: t('settings.places.aliases'),
            key: 'aliases',
            render: (_, row) =>
              row.place.aliases.length === 0
                ? t('common.none')
                : row.place.aliases.map((alias) => <Tag key={alias}>{alias}</Tag>),
          },
          {
            title: t('settings.places.boundary'),
            key: 'boundary',
            render: (_, row) =>
              row.place.level === 'group' ? (
                t('common.none')
              ) : row.place.boundary ? (
                <Tag color="green">{t('settings.places.hasBoundary')}</Tag>
              ) : (
                <Tag>{t('settings.places.noBoundary')}</Tag>
              ),
          },
          ...(canWrite
            ? [
                {
                  title: t('settings.actions'),
                  key: 'actions',
                  fixed: 'right' as const,
                  render: (_: unknown, row: PlaceTreeRow) => (
                    <Button
                      size="small"
                      type="link"
                      data-testid={`place-edit-${row.place.code}`}
                      onClick={() => setEditing(row.place)}
                    >
                      {t('settings.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <PlaceForm
          place={editing}
          busy={busy}
          onCancel={() => setEditing(undefined)}
          onSubmit={async (values) => {
            const ok = await run(
              () =>
                updatePlace(editing.code, {
                  name: values.name,
                  nameEn: values.nameEn?.trim() ? values.nameEn.trim() : null,
                  aliases: values.aliases ?? [],
                }),
              t('settings.saved'),
            );
            if (ok) {
              setEditing(undefined);
              setRound((n) => n + 1);
            }
          }}
        />
      )}
    </Space>
  );
}

interface PlaceValues {
  name: string;
  nameEn?: string;
  aliases?: string[];
}

function PlaceForm({
  place,
  busy,
  onCancel,
  onSubmit,
}: {
  place: PlaceDetail;
  busy: boolean;
  onCancel(): void;
  onSubmit(values: PlaceValues): Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<PlaceValues>();
  return (
    <Modal
      open
      title={t('settings.places.editTitle', { name: place.name })}
      okText={t('settings.save')}
      cancelText={t('settings.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: place.name, nameEn: place.nameEn ?? '', aliases: place.aliases }}
        onFinish={onSubmit}
      >
        <Form.Item name="name" label={t('settings.name')} rules={[{ required: true, message: t('settings.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('settings.nameEn')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="aliases" label={t('settings.places.aliases')} extra={t('settings.places.aliasesHelp')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
