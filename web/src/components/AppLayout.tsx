import { Avatar, Button, Dropdown, Layout, Menu, Segmented, Select, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { logout } from '../api/auth';
import type { PeriodKind } from '../api/stats';
import { useI18n } from '../i18n/i18n';
import type { Locale } from '../i18n/messages';
import { pageOf, pagesFor } from '../pages/registry';
import { PageLoading } from './PageLoading';
import { useSession } from './session';

/** The shell of every signed-in page: side menu, header with town, period, language and the user menu. */
export function AppLayout() {
  const { t, locale, setLocale } = useI18n();
  const { me, towns, town, setTown, period, setPeriod } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const english = locale === 'en-US';

  const signOut = async () => {
    try {
      await logout();
    } finally {
      navigate('/login', { replace: true });
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={176} breakpoint="lg" collapsedWidth={64} theme="dark">
        <div style={{ color: '#fff', padding: '16px 20px', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>
          {t('app.name')}
          <div style={{ fontSize: 12, fontWeight: 400, opacity: 0.7 }}>{t('app.subtitle')}</div>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[pageOf(location.pathname)?.path ?? location.pathname]}
          items={pagesFor(me.permissions).map((page) => ({ key: page.path, label: t(page.label) }))}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 20px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space size={16} wrap>
            {towns.length > 1 ? (
              <Select
                data-testid="town-switch"
                aria-label={t('header.town')}
                style={{ minWidth: 160 }}
                value={town?.code}
                onChange={setTown}
                options={towns.map((option) => ({
                  value: option.code,
                  label: (english && option.nameEn) || option.name,
                }))}
              />
            ) : (
              town && <Typography.Text strong>{(english && town.nameEn) || town.name}</Typography.Text>
            )}
            <Segmented
              data-testid="period-picker"
              value={period}
              onChange={(value) => setPeriod(value as PeriodKind)}
              options={[
                { label: t('period.week'), value: 'week' },
                { label: t('period.month'), value: 'month' },
                { label: t('period.quarter'), value: 'quarter' },
              ]}
            />
          </Space>
          <Space size={16}>
            <Segmented
              data-testid="language-switch"
              size="small"
              value={locale}
              onChange={(value) => setLocale(value as Locale)}
              options={[
                { label: t('lang.zh'), value: 'zh-CN' },
                { label: t('lang.en'), value: 'en-US' },
              ]}
            />
            <Dropdown
              menu={{ items: [{ key: 'logout', label: t('header.logout'), onClick: signOut }] }}
              trigger={['click']}
            >
              <Button type="text" data-testid="user-menu">
                <Avatar size="small" style={{ background: '#1677ff' }}>
                  {(me.user?.displayName ?? me.name).slice(-1)}
                </Avatar>
                <span style={{ marginLeft: 8 }}>{me.user?.displayName ?? me.name}</span>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
