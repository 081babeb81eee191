import { Alert, Collapse, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { fetchProfiles, type ProfileSummary } from '../../api/imports';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';

type Column = ProfileSummary['columns'][number];

/** 映射方案: the import mapping profiles, read only, with how to make one (they are JSON files). */
export default function ProfilesTab() {
  const { t } = useI18n();
  const state = useQuery('settings|import-profiles', (signal) => fetchProfiles(signal));

  if (state.error) {
    return <QueryError error={state.error} onRetry={state.reload} />;
  }
  if (!state.data) {
    return <Skeleton active paragraph={{ rows: 10 }} />;
  }
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('settings.profiles.note')} data-testid="profiles-note" />
      {state.data.length === 0 ? (
        <Empty description={t('settings.profiles.empty')} />
      ) : (
        <Collapse
          data-testid="profiles-list"
          defaultActiveKey={state.data[0] ? [state.data[0].name] : []}
          items={state.data.map((profile) => ({
            key: profile.name,
            label: (
              <Space wrap data-profile={profile.name}>
                <Typography.Text strong>{profile.title}</Typography.Text>
                <Typography.Text code>{profile.name}</Typography.Text>
                <Tag color={profile.kind === 'complaint' ? 'blue' : 'purple'}>
                  {t(`settings.profiles.kind.${profile.kind}`)}
                </Tag>
                <Tag>{t(`settings.profiles.origin.${profile.origin}`)}</Tag>
                <Typography.Text type="secondary">
                  {t('settings.profiles.sourceSystem')}: {profile.sourceSystem} ·{' '}
                  {t('settings.profiles.columns', { count: profile.columns.length })}
                </Typography.Text>
              </Space>
            ),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {profile.description && <Typography.Text type="secondary">{profile.description}</Typography.Text>}
                <Table<Column>
                  size="small"
                  rowKey="field"
                  dataSource={profile.columns}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    { title: t('settings.profiles.header'), dataIndex: 'header' },
                    {
                      title: t('settings.profiles.field'),
                      dataIndex: 'field',
                      render: (field: string) => <Typography.Text code>{field}</Typography.Text>,
                    },
                    {
                      title: t('settings.profiles.type'),
                      dataIndex: 'type',
                      render: (type: string) => <Tag>{type}</Tag>,
                    },
                    {
                      title: t('settings.profiles.map'),
                      dataIndex: 'map',
                      render: (map: Column['map']) =>
                        map === null ? (
                          t('common.none')
                        ) : (
                          <div style={{ maxWidth: 560 }} data-testid="profile-value-map">
                            {Object.entries(map).map(([word, value]) => (
                              <Tag key={word} style={{ marginBottom: 2 }}>
                                {word} → {value}
                              </Tag>
                            ))}
                          </div>
                        ),
                    },
                  ]}
                />
              </Space>
            ),
          }))}
        />
      )}
    </Space>
  );
}
