import { Center, Loader, Stack, Text } from '@mantine/core';
import { useSearch } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider.tsx';

/** A path on this site, never another origin (`//host`, `/\host`): where to come back after signing in. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

/** /auth/sign-in?returnTo= — the "Đăng nhập" link of the server-rendered pages: starts signing in at once. */
export function SignInPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const search = useSearch({ strict: false }) as { returnTo?: unknown };
  const returnTo = safeReturnTo(search.returnTo);
  useEffect(() => {
    void auth.signIn(returnTo);
    // Once: the sign-in page replaces this one.
  }, []);
  return (
    <Center py="xl">
      <Stack align="center" role="status">
        <Loader size="sm" aria-hidden />
        <Text>{t('signIn.redirecting')}</Text>
      </Stack>
    </Center>
  );
}
