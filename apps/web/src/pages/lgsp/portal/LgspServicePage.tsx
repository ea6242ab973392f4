import { Anchor, Badge, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { lgspApi } from '../../../api/lgsp.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { gatewayServiceId, useLgspScope } from '../scope.ts';
import { AccessRequestForm } from './AccessRequestForm.tsx';
import { operationsOf } from './openapi.ts';
import { ServiceDocs } from './ServiceDocs.tsx';
import { SoapDocs } from './SoapDocs.tsx';
import { SoapTryConsole } from './SoapTryConsole.tsx';
import { TryConsole } from './TryConsole.tsx';
import { wsdlOperations } from './wsdl.ts';
import '../messages.ts';

/** A service in the developer portal: its documentation from OpenAPI (or, for SOAP, its WSDL) with request examples, the access request, and "try it". */
export function LgspServicePage() {
  const { t } = useTranslation();
  const { serviceId } = useParams({ strict: false }) as { serviceId: string };
  const service = useQuery({ queryKey: ['lgsp', 'service', serviceId], queryFn: () => lgspApi.service(serviceId) });
  const soap = service.data?.kind === 'soap';
  const document = useQuery({ queryKey: ['lgsp', 'service', serviceId, 'openapi'], queryFn: () => lgspApi.openApi(serviceId), enabled: service.data?.kind === 'rest' });
  const wsdl = useQuery({ queryKey: ['lgsp', 'service', serviceId, 'wsdl'], queryFn: () => lgspApi.wsdl(serviceId), enabled: soap });
  const scope = useLgspScope();
  const operations = useMemo(() => operationsOf(document.data), [document.data]);
  const soapOperations = useMemo(() => wsdlOperations(wsdl.data), [wsdl.data]);
  const description = soap ? wsdl : document;
  const provider = scope.allSubsystems.find((s) => s.id === service.data?.subsystemId);
  const providerMember = scope.allMembers.find((m) => m.id === provider?.memberId);
  const context = { origin: location.origin, serviceId: gatewayServiceId(service.data?.xroadId ?? ''), client: scope.mySubsystems[0]?.xroadId ?? 'VN/GOV/MÃ-CƠ-QUAN/HỆ-THỐNG' };
  const title = service.data?.name ?? t('lgspPortal.service.title');
  const info = document.data?.info as { title?: string; description?: string } | undefined;
  return (
    <>
      <PageHeader title={title} description={info?.description}
        actions={<Anchor component={Link} to="/workspace/lgsp">{t('lgspPortal.service.back')}</Anchor>} />
      <QueryState isPending={service.isPending || description.isPending || scope.isPending} error={service.error ?? description.error ?? scope.error}>
        {service.data && (
          <Stack gap="lg">
            <Group gap="sm">
              <Badge variant="light">{t(`lgspAdmin.status.${service.data.status}`)}</Badge>
              {soap && <Badge variant="light" color="grape" data-testid="service-kind">SOAP (PR-MESS 4.0)</Badge>}
              {service.data.sandbox && <Badge variant="light" color="grape">{t('lgspPortal.service.sandbox')}</Badge>}
              <Text size="sm">{t('lgspPortal.service.version', { version: service.data.version })}</Text>
              <Text size="sm">{t('lgspPortal.catalogue.provider')}: {providerMember?.name ?? '—'}</Text>
            </Group>
            <Text size="sm">{t('lgspPortal.service.xroadId')}: <code data-testid="service-xroad-id">{gatewayServiceId(service.data.xroadId)}</code></Text>
            <Tabs defaultValue="docs" keepMounted={false}>
              <Tabs.List aria-label={title}>
                <Tabs.Tab value="docs">{t('lgspPortal.docs.title')}</Tabs.Tab>
                <Tabs.Tab value="access">{t('lgspPortal.access.title')}</Tabs.Tab>
                <Tabs.Tab value="try">{t('lgspPortal.try.title')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="docs" pt="md">
                <Title order={2} size="h4" mb="sm">{t('lgspPortal.docs.title')}</Title>
                {soap
                  ? <SoapDocs operations={soapOperations} context={context} />
                  : <ServiceDocs operations={operations} context={context} />}
              </Tabs.Panel>
              <Tabs.Panel value="access" pt="md">
                <Title order={2} size="h4" mb="sm" id="access-title">{t('lgspPortal.access.title')}</Title>
                <AccessRequestForm service={service.data} subsystems={scope.mySubsystems} />
              </Tabs.Panel>
              <Tabs.Panel value="try" pt="md">
                <Title order={2} size="h4" mb="sm">{t('lgspPortal.try.title')}</Title>
                {soap
                  ? <SoapTryConsole service={service.data} operations={soapOperations} subsystems={scope.mySubsystems} />
                  : <TryConsole service={service.data} operations={operations} subsystems={scope.mySubsystems} />}
              </Tabs.Panel>
            </Tabs>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
