// Routes of the signed-in dashboard; signed out, every path shows the login form and stays in the
// address bar, so a shared link opens the right page after signing in.
import type { ReactNode } from 'react';
import { Alert, Center, Loader } from '@mantine/core';
import { useAuth } from './auth/auth-context.tsx';
import { canSee, type PageId } from './auth/page-access.ts';
import { useI18n } from './i18n/i18n-context.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { PageErrorBoundary } from './components/page-error-boundary.tsx';
import { LoginPage } from './features/login/login-page.tsx';
import { OverviewPage } from './features/overview/overview-page.tsx';
import { CustomersPage } from './features/customers/customers-page.tsx';
import { Customer360Page } from './features/customer-360/customer-360-page.tsx';
import { ChurnPage } from './features/churn/churn-page.tsx';
import { RetentionPage } from './features/retention/retention-page.tsx';
import { ProductsPage } from './features/products/products-page.tsx';
import { ModelsPage } from './features/models/models-page.tsx';
import { ImportPage } from './features/import/import-page.tsx';
import { UsersPage } from './features/admin/users-page.tsx';
import { SettingsPage } from './features/admin/settings-page.tsx';
import { matchRoute, type RouteParams } from './router/match-route.ts';
import { usePathname } from './router/use-location.tsx';

interface Route {
  pattern: string;
  page: PageId;
  render: (params: RouteParams) => ReactNode;
}

const ROUTES: Route[] = [
  { pattern: '/', page: 'overview', render: () => <OverviewPage /> },
  { pattern: '/customers', page: 'customers', render: () => <CustomersPage /> },
  { pattern: '/customers/:id', page: 'customers', render: (p) => <Customer360Page id={p.id} /> },
  { pattern: '/churn', page: 'churn', render: () => <ChurnPage /> },
  { pattern: '/retention', page: 'retention', render: () => <RetentionPage /> },
  { pattern: '/products', page: 'products', render: () => <ProductsPage /> },
  { pattern: '/models', page: 'models', render: () => <ModelsPage /> },
  { pattern: '/import', page: 'import', render: () => <ImportPage /> },
  { pattern: '/users', page: 'users', render: () => <UsersPage /> },
  { pattern: '/settings', page: 'settings', render: () => <SettingsPage /> },
];

export function App() {
  const { user } = useAuth();
  const { t } = useI18n();
  const path = usePathname();
  if (user === undefined) return <Center mih="100vh"><Loader /></Center>;
  if (user === null) return <LoginPage />;
  for (const r of ROUTES) {
    const params = matchRoute(r.pattern, path);
    if (!params) continue;
    const body = canSee(user.role, r.page)
      ? r.render(params)
      : <Alert color="yellow" data-testid="forbidden">{t('app.forbidden')}</Alert>;
    // Keyed by path: moving to another page clears a previous page's error.
    return <AppLayout user={user} active={r.page}><PageErrorBoundary key={path} title={t('app.error')}>{body}</PageErrorBoundary></AppLayout>;
  }
  return <AppLayout user={user} active={null}><Alert data-testid="not-found">{t('app.notFound')}</Alert></AppLayout>;
}
