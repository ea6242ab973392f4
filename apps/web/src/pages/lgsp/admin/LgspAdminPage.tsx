import { Anchor, Badge, Card, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { lgspApi } from '../../../api/lgsp.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { useLgspScope } from '../scope.ts';
import { CertificatesPanel } from './CertificatesPanel.tsx';
import { GroupsPanel } from './GroupsPanel.tsx';
import { NoticesPanel } from './NoticesPanel.tsx';
import { MemberForm, ServiceForm, SubsystemForm } from './RegistryForms.tsx';
import '../messages.ts';

/** The LGSP administration of my agencies: members, subsystems, and the services they provide. */
export function LgspAdminPage() {
  const { t } = useTranslation();
  const scope = useLgspScope();
  const services = useQuery({ queryKey: ['lgsp', 'services', 'all'], queryFn: () => lgspApi.services() });
  const mine = new Set(scope.mySubsystems.map((s) => s.id));
  const myServices = (services.data ?? []).filter((s) => mine.has(s.subsystemId));
  return (
    <>
      <PageHeader title={t('lgspAdmin.title')} description={t('lgspAdmin.description')} />
      <QueryState isPending={scope.isPending || services.isPending} error={scope.error ?? services.error}>
        <Stack gap="lg">
          <NoticesPanel />
          <Card withBorder component="section" aria-labelledby="registry-title">
            <Title order={2} size="h4" id="registry-title" mb="sm">{t('lgspAdmin.registry')}</Title>
            <Stack gap="md">
              {scope.mySubsystems.length > 0 && (
                <DataTable caption={t('lgspAdmin.subsystems')} rows={scope.mySubsystems} rowKey={(s) => s.id} minWidth={600} columns={[
                  { key: 'name', header: t('lgspAdmin.subsystem.name'), cell: (s) => s.name },
                  { key: 'xroad', header: t('lgspPortal.service.xroadId'), cell: (s) => <code>{s.xroadId}</code> },
                  { key: 'client', header: t('lgspAdmin.subsystem.client'), cell: (s) => s.clientId ?? '—', priority: 'secondary' },
                ]} />
              )}
              <MemberForm agencies={scope.agencies.filter((a) => !scope.allMembers.some((m) => m.agencyId === a.id))} />
              {scope.myMembers.length > 0 && <SubsystemForm members={scope.myMembers} />}
            </Stack>
          </Card>
          {scope.mySubsystems.length > 0 && (
            <Card withBorder component="section">
              <ServiceForm subsystems={scope.mySubsystems} />
            </Card>
          )}
          <Card withBorder component="section" aria-labelledby="services-title">
            <Title order={2} size="h4" id="services-title" mb="sm">{t('lgspAdmin.services')}</Title>
            <DataTable caption={t('lgspAdmin.services')} rows={myServices} rowKey={(s) => s.id} emptyText={t('lgspAdmin.noServices')} minWidth={700} columns={[
              { key: 'name', header: t('lgspAdmin.service.name'), cell: (s) => <Anchor component={Link} to={`/admin/lgsp/services/${s.id}`}>{s.name}</Anchor> },
              { key: 'status', header: t('lgspAdmin.statusCol'), cell: (s) => (
                <>
                  <Badge variant="light">{t(`lgspAdmin.status.${s.status}`)}</Badge>
                  {s.sandbox && <Badge ml="xs" variant="light" color="grape">{t('lgspPortal.service.sandbox')}</Badge>}
                </>
              ) },
              { key: 'version', header: t('lgspAdmin.versionCol'), cell: (s) => s.version, numeric: true, priority: 'secondary' },
              { key: 'xroad', header: t('lgspPortal.service.xroadId'), cell: (s) => <code>{s.xroadId}</code>, priority: 'secondary' },
            ]} />
          </Card>
          {scope.mySubsystems.length > 0 && <CertificatesPanel subsystems={scope.mySubsystems} />}
          <GroupsPanel subsystems={scope.allSubsystems} />
        </Stack>
      </QueryState>
    </>
  );
}
