import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme } from '@mantine/core';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import '@mantine/core/styles.css';
import { ApiError } from './api/api-client.ts';
import { AuthProvider } from './auth/auth-context.tsx';
import { I18nProvider } from './i18n/i18n-context.tsx';
import { App } from './app.tsx';

const client: QueryClient = new QueryClient({
  // A 401 on any read means the session ended (expired, logged out elsewhere): back to the login form.
  queryCache: new QueryCache({
    onError(error, query) {
      if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== 'auth') client.setQueryData(['auth', 'me'], null);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      // Retrying a 4xx only repeats the same answer.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

const theme = createTheme({ primaryColor: 'teal', fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif' });

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={client}>
        <I18nProvider>
          <AuthProvider>
            <App />
          </AuthProvider>
        </I18nProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
