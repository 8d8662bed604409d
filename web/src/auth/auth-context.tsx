// Who is signed in: /api/auth/me on load (the HttpOnly cookie is invisible to scripts), login and
// logout; the CSRF token of the session goes to the API client.
import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiWrite, setCsrfToken } from '../api/api-client.ts';
import type { Session, User } from '../api/api-types.ts';

export interface Auth {
  /** undefined while the first check runs, null when signed out. */
  user: User | null | undefined;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);
const ME = ['auth', 'me'];

async function fetchMe(): Promise<Session | null> {
  try {
    const s = await apiGet<Session>('/auth/me');
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { setCsrfToken(null); return null; }
    throw e;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({ queryKey: ME, queryFn: fetchMe, staleTime: Infinity, retry: false });
  const value: Auth = {
    user: me.isPending ? undefined : me.data?.user ?? null,
    async login(email, password) {
      const s = await apiWrite<Session>('POST', '/auth/login', { email, password });
      setCsrfToken(s.csrfToken);
      // Data cached under another account must not show through. (Not client.clear(): that would also
      // drop the session query this provider observes, and the new session would never reach it.)
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME[0] });
      client.setQueryData(ME, s);
    },
    async logout() {
      try { await apiWrite('POST', '/auth/logout'); } finally {
        setCsrfToken(null);
        client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME[0] });
        client.setQueryData(ME, null);
      }
    },
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
