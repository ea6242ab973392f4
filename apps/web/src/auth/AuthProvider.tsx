import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { identityApi, type Me } from '../api/identity.ts';
import { ApiError } from '../api/client.ts';
import { currentLanguage } from '../i18n/index.ts';
import { signIn as oidcSignIn, signOut as oidcSignOut } from './oidc.ts';
import { getTokens, setTokens, subscribeTokens } from './tokens.ts';

export interface Auth {
  signedIn: boolean;
  /** Who is signed in; undefined while loading or when signed out. */
  me: Me | undefined;
  loading: boolean;
  error: unknown;
  signIn: (returnTo?: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Holds at least one of these permissions. */
  canAny: (permissions: readonly string[]) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const tokens = useSyncExternalStore(subscribeTokens, getTokens);
  const queryClient = useQueryClient();
  const signedIn = tokens !== null;

  const meQuery = useQuery({
    queryKey: ['identity', 'me'],
    queryFn: identityApi.me,
    enabled: signedIn,
    staleTime: 60_000,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });

  // A token the server no longer accepts (even after a refresh) means we are signed out.
  const unauthorised = meQuery.error instanceof ApiError && meQuery.error.status === 401;
  useEffect(() => {
    if (unauthorised) setTokens(null);
  }, [unauthorised]);

  const signIn = useCallback(
    (returnTo?: string) => oidcSignIn({ returnTo: returnTo ?? location.pathname + location.search, locale: currentLanguage() }),
    [],
  );
  const signOut = useCallback(async () => {
    queryClient.clear();
    await oidcSignOut();
  }, [queryClient]);

  const me = signedIn ? meQuery.data : undefined;
  const value = useMemo<Auth>(
    () => ({
      signedIn,
      me,
      loading: signedIn && meQuery.isPending,
      error: meQuery.error,
      signIn,
      signOut,
      canAny: (permissions) => !!me && permissions.some((p) => me.permissions.includes(p)),
    }),
    [signedIn, me, meQuery.isPending, meQuery.error, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside <AuthProvider>');
  return auth;
}
