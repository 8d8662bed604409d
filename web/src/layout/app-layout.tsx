// The frame of every signed-in page: navigation (only the pages the role may see), the language
// switch and the user menu.
import type { ReactNode } from 'react';
import { AppShell, Burger, Button, Group, NavLink, SegmentedControl, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../api/api-client.ts';
import { canSee, type PageId } from '../auth/page-access.ts';
import { useAuth } from '../auth/auth-context.tsx';
import type { SegmentNames, User } from '../api/api-types.ts';
import { setSegmentNames } from '../i18n/domain-labels.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { navigate } from '../router/use-location.tsx';
import type { Lang } from '../../../src/report/report-data.ts';

export const NAV: { page: PageId; path: string; label: MessageKey }[] = [
  { page: 'overview', path: '/', label: 'nav.overview' },
  { page: 'customers', path: '/customers', label: 'nav.customers' },
  { page: 'churn', path: '/churn', label: 'nav.churn' },
  { page: 'retention', path: '/retention', label: 'nav.retention' },
  { page: 'products', path: '/products', label: 'nav.products' },
  { page: 'models', path: '/models', label: 'nav.models' },
  { page: 'import', path: '/import', label: 'nav.import' },
  { page: 'users', path: '/users', label: 'nav.users' },
  { page: 'settings', path: '/settings', label: 'nav.settings' },
];

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <SegmentedControl size="xs" aria-label={t('app.language')} data-testid="lang-switch" value={lang}
      onChange={(v) => setLang(v as Lang)}
      data={[{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'English' }]} />
  );
}

export function AppLayout({ user, active, children }: { user: User; active: PageId | null; children: ReactNode }) {
  const { t } = useI18n();
  const { logout } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  // The segment names an admin saved: registered before the page below renders (it re-renders with
  // this layout when they arrive); until then, or if they cannot be read, the default names show.
  const names = useQuery({ queryKey: ['/segment-names'], queryFn: () => apiGet<SegmentNames>('/segment-names'), staleTime: 60_000 });
  if (names.data) setSegmentNames(names.data.items);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 210, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" />
            <Title order={4}>cvm · {t('app.title')}</Title>
          </Group>
          <Group gap="sm">
            <LanguageSwitch />
            <Text size="sm" c="dimmed" data-testid="current-user" data-role={user.role}>{user.name || user.email}</Text>
            <Button size="xs" variant="default" onClick={() => void logout()} data-testid="logout">{t('app.logout')}</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {NAV.filter((n) => canSee(user.role, n.page)).map((n) => (
          <NavLink key={n.page} href={n.path} label={t(n.label)} active={n.page === active} aria-current={n.page === active ? "page" : undefined} data-testid={`nav-${n.page}`}
            onClick={(e) => { e.preventDefault(); close(); navigate(n.path); }} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
