import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider.tsx';

const OFFERS = ['sso', 'services', 'onestop', 'catalog', 'lgsp', 'data'] as const;

export function HomePage() {
  const { t } = useTranslation();
  const auth = useAuth();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  return (
    <Stack gap="xl" maw={1100} mx="auto">
      <Card withBorder padding="xl" radius="lg" bg="sen.0">
        <Stack gap="md" align="flex-start">
          <Title order={1}>{t('app.title')}</Title>
          <Text size="lg" maw={720}>
            {t('home.lead')}
          </Text>
          {auth.signedIn ? (
            <Group>
              <Text>{t('home.welcome', { name: auth.me?.displayName ?? '' })}</Text>
              <Button component={Link} to="/account" variant="light">
                {t('nav.account')}
              </Button>
            </Group>
          ) : (
            <Group>
              <Button size="md" onClick={() => void auth.signIn('/')}>
                {t('home.signInCta')}
              </Button>
              <Anchor component={Link} to="/services">
                {t('home.browseServices')}
              </Anchor>
            </Group>
          )}
        </Stack>
      </Card>

      <section aria-labelledby="offers-title">
        <Title order={2} id="offers-title" size="h3" mb="md">
          {t('home.offersTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {OFFERS.map((key, index) => (
            <Card key={key} withBorder padding="lg">
              <Group gap="sm" mb="xs" wrap="nowrap">
                <ThemeIcon variant="light" radius="xl" aria-hidden>
                  {index + 1}
                </ThemeIcon>
                <Title order={3} size="h5">
                  {t(`home.offers.${key}.title`)}
                </Title>
              </Group>
              <Text size="sm">{t(`home.offers.${key}.text`)}</Text>
            </Card>
          ))}
        </SimpleGrid>
      </section>

      <Text size="xs" c="dimmed">
        {t('home.footer')}
      </Text>
    </Stack>
  );
}
