import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { AppLayout } from './components/AppLayout';
import { PageLoading } from './components/PageLoading';
import { QueryError } from './components/QueryError';
import { SessionProvider } from './components/session';
import { I18nProvider, useI18n } from './i18n/i18n';
import { PAGES, pageOf } from './pages/registry';

// Each page is its own chunk: the login page never loads ECharts.
const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const PAGE_ELEMENTS = PAGES.map((page) => {
  const Page = lazy(page.load);
  return { page, element: <Page /> };
});
// The page asked for is the first after sign-in: fetch its code while the session loads, not after.
if (window.location.pathname !== '/login') {
  void pageOf(window.location.pathname)?.load();
}

export const FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** Signed-in pages: an ended session goes to the login page; other failures say what to do. */
function SignedIn() {
  return (
    <SessionProvider
      fallback={({ loading, error, reload }) => {
        if (error instanceof ApiError && error.code === 'unauthenticated') {
          return <Navigate to="/login" replace />;
        }
        if (loading || error === undefined) {
          return <PageLoading />;
        }
        return (
          <div style={{ padding: 32 }}>
            <QueryError error={error} onRetry={reload} />
          </div>
        );
      }}
    >
      <AppLayout />
    </SessionProvider>
  );
}

const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<PageLoading />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: <SignedIn />,
    children: [
      ...PAGE_ELEMENTS.map(({ page, element }) =>
        page.path === '/' ? { index: true, element } : { path: `${page.path.slice(1)}/*`, element },
      ),
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);

function Themed() {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'en-US' ? enUS : zhCN}
      theme={{ token: { fontFamily: FONT_FAMILY, colorPrimary: '#1677ff', borderRadius: 6 } }}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
