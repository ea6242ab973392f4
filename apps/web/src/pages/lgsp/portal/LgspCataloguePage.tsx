import { Anchor, Badge, Group, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lgspApi } from '../../../api/lgsp.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { foldedFilter } from '../../../components/folded-filter.ts';
import { matchesFolded } from '../../../lib/format.ts';
import '../messages.ts';

/** The developer portal's catalogue: published services, searched without diacritics, filtered by provider. */
export function LgspCataloguePage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [provider, setProvider] = useState<string | null>(null);
  const services = useQuery({ queryKey: ['lgsp', 'services', 'published'], queryFn: () => lgspApi.services('published') });
  const members = useQuery({ queryKey: ['lgsp', 'members'], queryFn: lgspApi.members });
  const subsystems = useQuery({ queryKey: ['lgsp', 'subsystems'], queryFn: lgspApi.subsystems });
  const memberOf = new Map((subsystems.data ?? []).map((s) => [s.id, (members.data ?? []).find((m) => m.id === s.memberId)]));
  const rows = (services.data ?? []).filter((s) => {
    const member = memberOf.get(s.subsystemId);
    if (provider && member?.id !== provider) return false;
    return !search.trim() || [s.name, s.code, s.xroadId, member?.name ?? ''].some((text) => matchesFolded(text, search));
  });
  const providers = (members.data ?? []).filter((m) => (services.data ?? []).some((s) => memberOf.get(s.subsystemId)?.id === m.id));
  return (
    <>
      <PageHeader title={t('lgspPortal.catalogue.title')} description={t('lgspPortal.catalogue.description')}
        actions={<Anchor component={Link} to="/workspace/lgsp/usage">{t('lgspPortal.usage.nav')}</Anchor>} />
      <Group mb="md" align="flex-end" wrap="wrap">
        <TextInput id="lgsp-search" label={t('lgspPortal.catalogue.search')} description={t('lgspPortal.catalogue.searchHint')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={340} />
        <Select id="lgsp-provider" label={t('lgspPortal.catalogue.provider')} placeholder={t('lgspPortal.catalogue.allProviders')} clearable searchable filter={foldedFilter}
          data={providers.map((m) => ({ value: m.id, label: m.name }))} value={provider} onChange={setProvider} w={340} />
      </Group>
      <DataTable caption={t('lgspPortal.catalogue.title')} rows={rows} rowKey={(s) => s.id} minWidth={800}
        isPending={services.isPending || members.isPending || subsystems.isPending} error={services.error ?? members.error ?? subsystems.error}
        emptyText={t('lgspPortal.catalogue.empty')} columns={[
          { key: 'name', header: t('lgspPortal.service.name'), cell: (s) => (
            <>
              <Anchor component={Link} to={`/workspace/lgsp/services/${s.id}`} fw={500}>{s.name}</Anchor>
              {s.sandbox && <Badge ml="xs" size="sm" variant="light" color="grape">{t('lgspPortal.service.sandbox')}</Badge>}
            </>
          ) },
          { key: 'provider', header: t('lgspPortal.catalogue.provider'), cell: (s) => memberOf.get(s.subsystemId)?.name ?? '—' },
          { key: 'xroad', header: t('lgspPortal.service.xroadId'), cell: (s) => <code>{s.xroadId}</code>, priority: 'secondary' },
          { key: 'endpoints', header: t('lgspPortal.service.endpoints'), cell: (s) => s.endpoints.length, numeric: true, priority: 'secondary' },
        ]} />
    </>
  );
}
