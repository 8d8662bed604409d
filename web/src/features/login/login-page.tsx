// Sign-in form; the server sets the session cookie and answers with the CSRF token.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { ApiError } from '../../api/api-client.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { LanguageSwitch } from '../../layout/app-layout.tsx';

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('login.bad'));
      else if (err instanceof ApiError && err.status === 429) setError(t('login.limited'));
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Group justify="space-between">
              <Title order={3}>{t('login.title')}</Title>
              <LanguageSwitch />
            </Group>
            <TextInput label={t('login.email')} type="email" required autoComplete="username" value={email}
              onChange={(e) => setEmail(e.currentTarget.value)} data-testid="login-email" />
            <PasswordInput label={t('login.password')} required autoComplete="current-password" value={password}
              onChange={(e) => setPassword(e.currentTarget.value)} data-testid="login-password" />
            {error && <Alert color="red" data-testid="login-error">{error}</Alert>}
            <Button type="submit" loading={busy} data-testid="login-submit">{t('login.submit')}</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
