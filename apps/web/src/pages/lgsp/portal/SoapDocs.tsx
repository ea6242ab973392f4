import { Accordion, Badge, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../../components/TableScroll.tsx';
import { SampleTabs, type SampleContext } from './ServiceDocs.tsx';
import { soapGatewayUrl, soapRequestSample, type WsdlElement, type WsdlOperation } from './wsdl.ts';

function ElementTable({ element, label }: { element: WsdlElement | null; label: string }) {
  const { t } = useTranslation();
  if (!element) return <Text size="sm" c="dimmed">{label}: —</Text>;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>{label}: <Code>{element.name}</Code> <Text span size="xs" c="dimmed">({element.namespace || '—'})</Text></Text>
      {element.fields.length === 0 ? <Text size="sm" c="dimmed">{t('lgspPortal.soap.noFields')}</Text> : (
        <TableScroll minWidth={420} label={`${label} ${element.name}`}>
          <Table fz="sm" withTableBorder aria-label={`${label} ${element.name}`}>
            <Table.Thead>
              <Table.Tr><Table.Th scope="col">{t('lgspPortal.docs.field')}</Table.Th><Table.Th scope="col">{t('lgspPortal.docs.type')}</Table.Th><Table.Th scope="col">{t('lgspPortal.docs.required')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {element.fields.map((field) => (
                <Table.Tr key={field.name}><Table.Td><Code>{field.name}</Code></Table.Td><Table.Td>{field.type}</Table.Td><Table.Td>{field.required ? t('lgspPortal.yes') : t('lgspPortal.no')}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}

/** A SOAP service's documentation from its WSDL (decision 0047): the gateway's SOAP entry, then one section an operation with its elements and X-Road SOAP request examples. */
export function SoapDocs({ operations, context }: { operations: WsdlOperation[]; context: SampleContext }) {
  const { t } = useTranslation();
  if (operations.length === 0) return <Text c="dimmed">{t('lgspPortal.soap.none')}</Text>;
  return (
    <Stack gap="md">
      <Text size="sm">{t('lgspPortal.soap.endpoint')}: <Code data-testid="soap-endpoint">POST {soapGatewayUrl(context.origin)}</Code></Text>
      <Text size="sm">{t('lgspPortal.soap.how')}</Text>
      <Accordion multiple variant="separated" defaultValue={['soap-op-0']}>
        {operations.map((op, index) => (
          <Accordion.Item key={op.name} value={`soap-op-${index}`}>
            <Accordion.Control>
              <Group gap="sm" wrap="nowrap">
                <Badge variant="filled" color="grape" w={70}>SOAP</Badge>
                <Code>{op.name}</Code>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm" data-testid={`soap-operation-${op.name}`}>
                {op.documentation && <Text size="sm">{op.documentation}</Text>}
                <Text size="sm">SOAPAction: <Code>"{op.soapAction}"</Code></Text>
                <ElementTable element={op.input} label={t('lgspPortal.soap.input')} />
                <ElementTable element={op.output} label={t('lgspPortal.soap.output')} />
                <Title order={3} size="h6">{t('lgspPortal.docs.samples')}</Title>
                <SampleTabs endpoint={op.name} sample={(language) => soapRequestSample(language, { ...context, operation: op })} />
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}
