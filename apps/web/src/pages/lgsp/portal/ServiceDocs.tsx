import { Accordion, Badge, Button, Code, CopyButton, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../../components/TableScroll.tsx';
import { ScrollCode } from './ScrollCode.tsx';
import { examplePath, LANGUAGES, requestSample, typeLabel, type DocBody, type DocOperation, type SampleLanguage } from './openapi.ts';

const METHOD_COLOURS: Record<string, string> = { GET: 'blue', POST: 'green', PUT: 'orange', PATCH: 'yellow', DELETE: 'red' };
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

export const operationKey = (op: Pick<DocOperation, 'method' | 'path'>) => `${op.method} ${op.path}`;

function SchemaView({ body, label }: { body: DocBody; label: string }) {
  const { t } = useTranslation();
  const schema = body.schema;
  const properties = schema && typeof schema.properties === 'object' && schema.properties !== null ? Object.entries(schema.properties as Record<string, Record<string, unknown>>) : [];
  const required = new Set(Array.isArray(schema?.required) ? (schema.required as string[]) : []);
  return (
    <Stack gap="xs">
      <Text size="sm">{label}: <Code>{body.contentType}</Code> {typeLabel(schema)}</Text>
      {properties.length > 0 && (
        <TableScroll minWidth={500} label={`${label}: ${t('lgspPortal.docs.schema')}`}>
          <Table fz="xs" withTableBorder aria-label={`${label}: ${t('lgspPortal.docs.schema')}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('lgspPortal.docs.field')}</Table.Th>
                <Table.Th scope="col">{t('lgspPortal.docs.type')}</Table.Th>
                <Table.Th scope="col">{t('lgspPortal.docs.required')}</Table.Th>
                <Table.Th scope="col">{t('lgspPortal.docs.descriptionCol')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {properties.map(([name, prop]) => (
                <Table.Tr key={name}>
                  <Table.Td><Code>{name}</Code></Table.Td>
                  <Table.Td>{typeLabel(prop)}</Table.Td>
                  <Table.Td>{required.has(name) ? t('lgspPortal.yes') : t('lgspPortal.no')}</Table.Td>
                  <Table.Td>{typeof prop.description === 'string' ? prop.description : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {body.example !== null && body.example !== undefined && (
        <>
          <Text size="xs" c="dimmed">{t('lgspPortal.docs.example')}</Text>
          <ScrollCode label={`${label}: ${t('lgspPortal.docs.example')}`}>{pretty(body.example)}</ScrollCode>
        </>
      )}
    </Stack>
  );
}

export interface SampleContext {
  origin: string;
  serviceId: string;
  client: string;
}

function Samples({ op, context }: { op: DocOperation; context: SampleContext }) {
  const body = op.requestBody?.example === undefined || op.requestBody?.example === null ? null : JSON.stringify(op.requestBody.example);
  const input = { ...context, method: op.method, path: examplePath(op), body, contentType: op.requestBody?.contentType ?? 'application/json' };
  return <SampleTabs endpoint={operationKey(op)} sample={(language) => requestSample(language, input)} />;
}

/** A request example in each language, copyable (REST here, SOAP in SoapDocs). */
export function SampleTabs({ endpoint, sample: sampleIn }: { endpoint: string; sample: (language: SampleLanguage) => string }) {
  const { t } = useTranslation();
  return (
    <Tabs defaultValue="curl" keepMounted={false}>
      <Tabs.List aria-label={t('lgspPortal.docs.samplesOf', { endpoint })}>
        {LANGUAGES.map((language) => <Tabs.Tab key={language} value={language}>{t(`lgspPortal.docs.lang.${language}`)}</Tabs.Tab>)}
      </Tabs.List>
      {LANGUAGES.map((language) => {
        const sample = sampleIn(language);
        return (
          <Tabs.Panel key={language} value={language} pt="xs">
            <ScrollCode label={t('lgspPortal.docs.sampleOf', { language: t(`lgspPortal.docs.lang.${language}`), endpoint })} testId={`sample-${language}`}>{sample}</ScrollCode>
            <CopyButton value={sample}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant="light" mt={4} onClick={copy} aria-label={t('lgspPortal.docs.copyOf', { language: t(`lgspPortal.docs.lang.${language}`), endpoint })}>
                  {copied ? t('lgspPortal.docs.copied') : t('lgspPortal.docs.copy')}
                </Button>
              )}
            </CopyButton>
          </Tabs.Panel>
        );
      })}
    </Tabs>
  );
}

/** The service's documentation rendered from its OpenAPI document: one section an endpoint, with parameters, bodies, responses and request examples. */
export function ServiceDocs({ operations, context }: { operations: DocOperation[]; context: SampleContext }) {
  const { t } = useTranslation();
  if (operations.length === 0) return <Text c="dimmed">{t('lgspPortal.docs.none')}</Text>;
  return (
    <Accordion multiple variant="separated" defaultValue={['op-0']}>
      {operations.map((op, index) => (
        <Accordion.Item key={operationKey(op)} value={`op-${index}`}>
          <Accordion.Control>
            <Group gap="sm" wrap="nowrap">
              <Badge color={METHOD_COLOURS[op.method] ?? 'gray'} variant="filled" w={70}>{op.method}</Badge>
              <Code>{op.path}</Code>
              {op.summary && <Text size="sm">{op.summary}</Text>}
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="sm">
              {op.description && <Text size="sm">{op.description}</Text>}
              <Title order={3} size="h5">{t('lgspPortal.docs.parameters')}</Title>
              {op.parameters.length === 0 ? <Text size="sm" c="dimmed">{t('lgspPortal.docs.noParameters')}</Text> : (
                <TableScroll minWidth={500} label={`${operationKey(op)}: ${t('lgspPortal.docs.parameters')}`}>
                  <Table fz="xs" withTableBorder aria-label={`${operationKey(op)}: ${t('lgspPortal.docs.parameters')}`}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('lgspPortal.docs.field')}</Table.Th>
                        <Table.Th scope="col">{t('lgspPortal.docs.in')}</Table.Th>
                        <Table.Th scope="col">{t('lgspPortal.docs.type')}</Table.Th>
                        <Table.Th scope="col">{t('lgspPortal.docs.required')}</Table.Th>
                        <Table.Th scope="col">{t('lgspPortal.docs.descriptionCol')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {op.parameters.map((p) => (
                        <Table.Tr key={`${p.in}:${p.name}`}>
                          <Table.Td><Code>{p.name}</Code></Table.Td>
                          <Table.Td>{p.in}</Table.Td>
                          <Table.Td>{typeLabel(p.schema)}</Table.Td>
                          <Table.Td>{p.required ? t('lgspPortal.yes') : t('lgspPortal.no')}</Table.Td>
                          <Table.Td>{p.description}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </TableScroll>
              )}
              {op.requestBody && (
                <>
                  <Title order={3} size="h5">{t('lgspPortal.docs.requestBody')}</Title>
                  <SchemaView body={op.requestBody} label={t('lgspPortal.docs.requestBody')} />
                </>
              )}
              <Title order={3} size="h5">{t('lgspPortal.docs.responses')}</Title>
              {op.responses.map((r) => (
                <Stack key={r.status} gap={4}>
                  <Text size="sm" fw={600}>{r.status} {r.description}</Text>
                  {r.body && <SchemaView body={r.body} label={`${t('lgspPortal.docs.response')} ${r.status}`} />}
                </Stack>
              ))}
              <Title order={3} size="h5">{t('lgspPortal.docs.samples')}</Title>
              <Samples op={op} context={context} />
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
