import { Card, Grid, NavLink, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, type CodeList } from '../../api/catalog.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { CodeListPanel } from './CodeListPanel.tsx';

export function CataloguesPage() {
  const { t, i18n } = useTranslation();
  const lists = useQuery({ queryKey: ['catalog', 'code-lists'], queryFn: catalogApi.codeLists });
  const [code, setCode] = useState<string | null>(null);
  const selected = lists.data?.items.find((l) => l.code === code);
  const label = (l: CodeList) => (i18n.language === 'en' && l.nameEn) || l.name;

  return (
    <>
      <PageHeader title={t('catalogues.title')} description={t('catalogues.description')} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder p="xs">
            <QueryState isPending={lists.isPending} error={lists.error} isEmpty={!lists.data?.items.length}>
              <nav aria-label={t('catalogues.listLabel')}>
                {lists.data?.items.map((l) => (
                  <NavLink
                    key={l.code}
                    component="button"
                    label={label(l)}
                    description={l.current ? `${l.code} · v${l.current.version}` : l.code}
                    active={l.code === code}
                    aria-current={l.code === code ? 'true' : undefined}
                    onClick={() => setCode(l.code)}
                  />
                ))}
              </nav>
            </QueryState>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {selected ? <CodeListPanel key={selected.code} list={selected} title={label(selected)} /> : <Text c="dimmed">{t('catalogues.selectHint')}</Text>}
        </Grid.Col>
      </Grid>
    </>
  );
}
