import { Button, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { allows, type PageRoute } from './registry.tsx';

/** Renders a page only for viewers its access rule admits; otherwise explains why not. */
export function Guard({ page }: { page: PageRoute }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const Page = page.component;
  if (page.access === 'public') {
    return (
      <Suspense fallback={<Loading label={t('common.loading')} />}>
        <Page />
      </Suspense>
    );
  }
  if (!auth.signedIn) {
    return (
      <Paper withBorder p="xl" maw={520} mx="auto" mt="xl">
        <Stack align="flex-start">
          <Title order={1} size="h3">
            {t('guard.signInTitle')}
          </Title>
          <Text>{t('guard.signInText')}</Text>
          <Button onClick={() => void auth.signIn()}>{t('auth.signIn')}</Button>
        </Stack>
      </Paper>
    );
  }
  if (auth.loading) {
    return (
      <Loading label={t('common.loading')} />
    );
  }
  if (!auth.me) return <ErrorAlert error={auth.error} />;
  if (!allows(page.access, { signedIn: true, kind: auth.me.kind, canAny: auth.canAny })) {
    return (
      <Paper withBorder p="xl" maw={520} mx="auto" mt="xl">
        <Title order={1} size="h3" mb="sm">
          {t('guard.forbiddenTitle')}
        </Title>
        <Text>{t('guard.forbiddenText')}</Text>
      </Paper>
    );
  }
  return (
    <Suspense
      fallback={
        <Loading label={t('common.loading')} />
      }
    >
      <Page />
    </Suspense>
  );
}

/** A spinner named for screen readers: the name sits on the status region (a bare spinner may not carry one). */
function Loading({ label }: { label: string }) {
  return (
    <Center py="xl" role="status" aria-label={label}>
      <Loader size="sm" aria-hidden />
    </Center>
  );
}
