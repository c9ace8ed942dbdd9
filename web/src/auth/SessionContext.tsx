// The login session: fetched from GET /api/v1/session on load (the CSRF token lives in memory
// only), created by POST, ended by DELETE. A 401 anywhere clears it, which shows the login page.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, devToken, setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import { unwrap } from '../api/problem';
import type { Session } from '../api/types';

interface SessionState {
  session: Session | null;
  checking: boolean;
  login: (name: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

// Development against a kensa without /session: the bearer token stands in for a login.
const DEV_SESSION: Session = {
  user: { id: 0, name: 'dev-token', email: '', is_admin: true },
  csrf_token: '',
  expires_at: 0,
  idle_expires_at: 0,
};

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [checking, setChecking] = useState(true);

  const adopt = useCallback((next: Session | null) => {
    setCsrfToken(next?.csrf_token ?? '');
    setSession(next);
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => adopt(null));
    api
      .GET('/api/v1/session')
      .then(({ data, response }) => {
        if (response.ok && data) adopt(data);
        else if (import.meta.env.DEV && devToken) adopt(DEV_SESSION);
        else adopt(null);
      })
      .catch(() => adopt(null))
      .finally(() => setChecking(false));
  }, [adopt]);

  const login = useCallback(
    async (name: string, password: string) => {
      adopt(await unwrap(api.POST('/api/v1/session', { body: { name, password } })));
    },
    [adopt],
  );

  const logout = useCallback(async () => {
    try {
      await api.DELETE('/api/v1/session');
    } finally {
      adopt(null);
    }
  }, [adopt]);

  const value = useMemo(() => ({ session, checking, login, logout }), [session, checking, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
