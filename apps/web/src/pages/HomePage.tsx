import { Anchor, Button, Card, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { takePrefetched } from '../api/prefetched.ts';
import type { PortalHome } from '../api/tthc.ts';
import { useAuth } from '../auth/AuthProvider.tsx';

const PORTAL_HOME = '/api/tthc/portal/home';

/**
 * The home page for a citizen with a task: find the procedure, the most used ones, look up a filed
 * dossier, who runs the portal and whom to call. The server renders the same page first
 * (apps/server/citizen-pages/home.ts); what the platform is made of is on /about.
 */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const home = useQuery({
    queryKey: ['tthc', 'portal-home'],
    queryFn: () => api.get<PortalHome>(PORTAL_HOME),
    // The server-rendered home page carries this answer: the first render already shows it.
    initialData: () => takePrefetched<PortalHome>(PORTAL_HOME),
    staleTime: 60_000,
  });
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  const localName = (n: { name: string; nameEn: string | null }) => (i18n.language === 'en' && n.nameEn ? n.nameEn : n.name);
  const search = (event: FormEvent) => {
    event.preventDefault();
    void navigate({ to: '/services', search: q.trim() ? { q: q.trim() } : {} });
  };
  const data = home.data;

  return (
    <Stack gap="lg" maw={1100} mx="auto">
      <Title order={1}>{t('app.title')}</Title>
      {auth.signedIn && <Text>{t('home.welcome', { name: auth.me?.displayName ?? '' })}</Text>}
      <Card withBorder component="form" role="search" onSubmit={search}>
        <TextInput id="home-search" type="search" label={t('home.searchLabel')} description={t('tthc.search.hint')} value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={420} />
        <Group mt="md">
          <Button type="submit">{t('home.searchButton')}</Button>
        </Group>
      </Card>

      <section aria-labelledby="home-popular">
        <Title order={2} id="home-popular" size="h3" mb="sm">
          {t('home.popularTitle')}
        </Title>
        <List spacing="xs" listStyleType="none" p={0}>
          {data?.popular.map((p) => (
            <List.Item key={p.id}>
              <Anchor component={Link} to={`/services/${p.id}`}>
                {p.name}
              </Anchor>
            </List.Item>
          ))}
        </List>
        <Anchor component={Link} to="/services" mt="sm" display="inline-block">
          {t('home.allProcedures')}
        </Anchor>
      </section>

      <section aria-labelledby="home-lookup">
        <Title order={2} id="home-lookup" size="h3" mb="sm">
          {t('tthc.lookup.title')}
        </Title>
        <Text mb="sm">{t('tthc.lookup.description')}</Text>
        <Button component={Link} to="/tra-cuu" variant="light">
          {t('home.lookupButton')}
        </Button>
      </section>

      {data && (
        <section aria-labelledby="home-contact">
          <Title order={2} id="home-contact" size="h3" mb="sm">
            {t('home.contactTitle')}
          </Title>
          {data.serviceCentre && <Text>{localName(data.serviceCentre)}</Text>}
          <Text>{localName(data.owner)}</Text>
          {data.hotline && (
            <Text>
              {t('home.hotline')}: <Anchor href={`tel:${data.hotline.replace(/[^+0-9]/g, '')}`}>{data.hotline}</Anchor>
            </Text>
          )}
        </section>
      )}

      <Anchor component={Link} to="/thong-ke" size="sm">
        {t('home.statistics')}
      </Anchor>
      <Anchor component={Link} to="/thong-ke/bang-dieu-khien" size="sm">
        {t('home.dashboards')}
      </Anchor>
      <Anchor component={Link} to="/about" size="sm">
        {t('home.about')}
      </Anchor>
    </Stack>
  );
}
