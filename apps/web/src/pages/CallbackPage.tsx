import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { handleCallback, OidcError } from '../auth/oidc.ts';
import { useAuth } from '../auth/AuthProvider.tsx';

// The code can be exchanged once; StrictMode runs effects twice, so share the attempt.
let attempt: { search: string; result: Promise<string> } | null = null;

export function CallbackPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const auth = useAuth();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const search = location.search;
    if (attempt?.search !== search) attempt = { search, result: handleCallback(search) };
    let cancelled = false;
    attempt.result.then(
      (returnTo) => {
        if (!cancelled) void navigate({ to: returnTo, replace: true });
      },
      (reason: unknown) => {
        if (!cancelled) setError(reason);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [navigate]);

  if (error) {
    const code = error instanceof OidcError ? error.code : 'unexpected';
    return (
      <Stack maw={560} mx="auto" mt="xl">
        <Alert color="red" title={t('callback.failedTitle')} role="alert">
          <Text size="sm">{code === 'access_denied' ? t('callback.denied') : t('callback.failed')}</Text>
          <Text size="xs" c="dimmed" mt={4}>
            {code}
          </Text>
        </Alert>
        <Button onClick={() => void auth.signIn('/')} w="fit-content">
          {t('auth.signInAgain')}
        </Button>
      </Stack>
    );
  }
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <Text ml="sm">{t('callback.working')}</Text>
    </Center>
  );
}
