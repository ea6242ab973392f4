import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

const OFFERS = ['sso', 'services', 'onestop', 'catalog', 'lgsp', 'data'] as const;

/** /about — what the platform is made of (the home page is for citizens with a task). */
export function AboutPage() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('about.title')} — Sen`;
  }, [t]);
  return (
    <Stack gap="xl" maw={1100} mx="auto">
      <Stack gap="sm">
        <Title order={1}>{t('about.title')}</Title>
        <Text size="lg" maw={720}>
          {t('about.lead')}
        </Text>
      </Stack>
      <section aria-labelledby="offers-title">
        <Title order={2} id="offers-title" size="h3" mb="md">
          {t('about.offersTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {OFFERS.map((key, index) => (
            <Card key={key} withBorder padding="lg">
              <Group gap="sm" mb="xs" wrap="nowrap">
                <ThemeIcon variant="light" radius="xl" aria-hidden>
                  {index + 1}
                </ThemeIcon>
                <Title order={3} size="h5">
                  {t(`about.offers.${key}.title`)}
                </Title>
              </Group>
              <Text size="sm">{t(`about.offers.${key}.text`)}</Text>
            </Card>
          ))}
        </SimpleGrid>
      </section>
      <Text size="xs" c="dimmed">
        {t('about.footer')}
      </Text>
    </Stack>
  );
}
