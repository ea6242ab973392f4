import { Anchor, Badge, Card, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { lgspApi } from '../../../api/lgsp.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { TableScroll } from '../../../components/TableScroll.tsx';
import { useLgspScope } from '../scope.ts';
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
          <Card withBorder component="section" aria-labelledby="registry-title">
            <Title order={2} size="h4" id="registry-title" mb="sm">{t('lgspAdmin.registry')}</Title>
            <Stack gap="md">
              {scope.mySubsystems.length > 0 && (
                <TableScroll minWidth={600} label={t('lgspAdmin.subsystems')}>
                  <Table fz="sm" striped aria-label={t('lgspAdmin.subsystems')}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('lgspAdmin.subsystem.name')}</Table.Th>
                        <Table.Th scope="col">{t('lgspPortal.service.xroadId')}</Table.Th>
                        <Table.Th scope="col">{t('lgspAdmin.subsystem.client')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {scope.mySubsystems.map((s) => (
                        <Table.Tr key={s.id}>
                          <Table.Th scope="row" fw={500}>{s.name}</Table.Th>
                          <Table.Td><code>{s.xroadId}</code></Table.Td>
                          <Table.Td>{s.clientId ?? '—'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </TableScroll>
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
            {myServices.length === 0 ? <p>{t('lgspAdmin.noServices')}</p> : (
              <TableScroll minWidth={700} label={t('lgspAdmin.services')}>
                <Table fz="sm" striped aria-label={t('lgspAdmin.services')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('lgspAdmin.service.name')}</Table.Th>
                      <Table.Th scope="col">{t('lgspAdmin.statusCol')}</Table.Th>
                      <Table.Th scope="col">{t('lgspAdmin.versionCol')}</Table.Th>
                      <Table.Th scope="col">{t('lgspPortal.service.xroadId')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {myServices.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Th scope="row" fw={500}><Anchor component={Link} to={`/admin/lgsp/services/${s.id}`}>{s.name}</Anchor></Table.Th>
                        <Table.Td>
                          <Badge variant="light">{t(`lgspAdmin.status.${s.status}`)}</Badge>
                          {s.sandbox && <Badge ml="xs" variant="light" color="grape">{t('lgspPortal.service.sandbox')}</Badge>}
                        </Table.Td>
                        <Table.Td>{s.version}</Table.Td>
                        <Table.Td><code>{s.xroadId}</code></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}
          </Card>
        </Stack>
      </QueryState>
    </>
  );
}
