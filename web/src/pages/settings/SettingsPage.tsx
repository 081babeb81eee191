import { Card, Empty, Skeleton, Space, Tabs, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { fetchRoles, type RoleInfo } from '../../api/settings';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import { type SettingsTab, tabOf, visibleTabs } from './settings.model';

const TaxonomyTab = lazy(() => import('./TaxonomyTab'));
const PlacesTab = lazy(() => import('./PlacesTab'));
const DepartmentsTab = lazy(() => import('./DepartmentsTab'));
const AdviceTab = lazy(() => import('./AdviceTab'));
const ProfilesTab = lazy(() => import('./ProfilesTab'));
const UsersTab = lazy(() => import('./UsersTab'));

export interface TabProps {
  roles: RoleInfo[];
}

const TAB_COMPONENTS: Record<SettingsTab, (props: TabProps) => React.ReactNode> = {
  taxonomy: (props) => <TaxonomyTab {...props} />,
  places: (props) => <PlacesTab {...props} />,
  departments: (props) => <DepartmentsTab {...props} />,
  advice: (props) => <AdviceTab {...props} />,
  profiles: () => <ProfilesTab />,
  users: (props) => <UsersTab {...props} />,
};

/** 设置: the reference data and accounts an administrator maintains, one tab each (`/settings/<tab>`). */
export default function SettingsPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const tabs = visibleTabs(me.permissions);
  const roles = useQuery('settings|roles', (signal) => fetchRoles(signal));
  const current = tabOf(location.pathname);

  if (tabs.length === 0) {
    return (
      <Card>
        <Empty description={t('settings.noTabs')} />
      </Card>
    );
  }
  const first = tabs[0]?.key ?? 'taxonomy';
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="settings-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('settings.title')}
      </Typography.Title>
      <Tabs
        activeKey={current}
        onChange={(key) => navigate(`/settings/${key}`)}
        items={tabs.map((tab) => ({
          key: tab.key,
          label: <span data-testid={`settings-tab-${tab.key}`}>{t(`settings.tab.${tab.key}`)}</span>,
        }))}
      />
      {roles.error ? (
        <QueryError error={roles.error} onRetry={roles.reload} />
      ) : !roles.data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
          <Routes>
            {tabs.map((tab) => (
              <Route key={tab.key} path={tab.key} element={TAB_COMPONENTS[tab.key]({ roles: roles.data ?? [] })} />
            ))}
            <Route path="*" element={<Navigate to={`/settings/${first}${location.search}`} replace />} />
          </Routes>
        </Suspense>
      )}
    </Space>
  );
}
