import { Alert, Badge, Button, Code, Group, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { lgspApi, type LgspService, type LgspSubsystem } from '../../../api/lgsp.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { TableScroll } from '../../../components/TableScroll.tsx';
import { examplePath, type DocOperation } from './openapi.ts';
import { operationKey } from './ServiceDocs.tsx';
import { ScrollCode } from './ScrollCode.tsx';

const withBody = (method: string) => !['GET', 'HEAD', 'DELETE'].includes(method);

/**
 * "Try it": the server calls the gateway as the chosen subsystem (decision 0037), so the call is
 * checked, logged and monitored like any other; only for services flagged sandbox.
 */
export function TryConsole({ service, operations, subsystems }: { service: LgspService; operations: DocOperation[]; subsystems: LgspSubsystem[] }) {
  const { t } = useTranslation();
  const [subsystemId, setSubsystemId] = useState<string | null>(subsystems[0]?.id ?? null);
  const first = operations[0];
  const [endpoint, setEndpoint] = useState<string | null>(first ? operationKey(first) : null);
  const operation = operations.find((op) => operationKey(op) === endpoint);
  const [path, setPath] = useState(first ? examplePath(first) : '/');
  const [body, setBody] = useState(first?.requestBody?.example ? JSON.stringify(first.requestBody.example, null, 2) : '');
  const [purpose, setPurpose] = useState('');
  const call = useMutation({
    mutationFn: () => lgspApi.tryIt({
      serviceId: service.id, subsystemId: subsystemId ?? '', method: operation?.method ?? 'GET', path,
      ...(operation && withBody(operation.method) && body.trim() ? { body, contentType: operation.requestBody?.contentType ?? 'application/json' } : {}),
      ...(purpose.trim() ? { purpose: purpose.trim() } : {}),
    }),
  });
  const choose = (key: string | null) => {
    setEndpoint(key);
    const op = operations.find((o) => operationKey(o) === key);
    if (op) {
      setPath(examplePath(op));
      setBody(op.requestBody?.example ? JSON.stringify(op.requestBody.example, null, 2) : '');
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    call.mutate();
  };
  if (!service.sandbox) return <Alert color="gray" role="status">{t('lgspPortal.try.notSandbox')}</Alert>;
  if (subsystems.length === 0) return <Alert color="yellow" role="status">{t('lgspPortal.access.noSubsystem')}</Alert>;
  const result = call.data;
  return (
    <Stack gap="md">
      <form onSubmit={submit} aria-label={t('lgspPortal.try.title')}>
        <Stack gap="sm" maw={720}>
          <Select id="try-subsystem" label={t('lgspPortal.try.as')} required allowDeselect={false}
            data={subsystems.map((s) => ({ value: s.id, label: `${s.name} (${s.xroadId})` }))} value={subsystemId} onChange={setSubsystemId} />
          <Select id="try-endpoint" label={t('lgspPortal.try.endpoint')} required allowDeselect={false}
            data={operations.map((op) => ({ value: operationKey(op), label: operationKey(op) }))} value={endpoint} onChange={choose} />
          <TextInput id="try-path" label={t('lgspPortal.try.path')} description={t('lgspPortal.try.pathHint')} required value={path} onChange={(e) => setPath(e.currentTarget.value)} />
          {operation && withBody(operation.method) && (
            <Textarea id="try-body" label={t('lgspPortal.try.body')} description={t('lgspPortal.try.bodyHint')} autosize minRows={3} maxLength={65_536}
              value={body} onChange={(e) => setBody(e.currentTarget.value)} />
          )}
          <TextInput id="try-purpose" label={t('lgspPortal.try.purpose')} description={t('lgspPortal.try.purposeHint')} maxLength={500} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} />
          <Button type="submit" loading={call.isPending} w="fit-content">{t('lgspPortal.try.send')}</Button>
        </Stack>
      </form>
      {call.error && <ErrorAlert error={call.error} />}
      {result && (
        <Stack gap="xs" role="region" aria-label={t('lgspPortal.try.result')} data-testid="try-result">
          <Group gap="md">
            <Badge size="lg" color={result.status < 400 ? 'green' : 'red'} data-testid="try-status">{t('lgspPortal.try.status', { status: result.status })}</Badge>
            <Text size="sm">{t('lgspPortal.try.duration', { ms: result.durationMs.toLocaleString('vi-VN') })}</Text>
            <Text size="sm">X-Road-Id: <Code data-testid="try-message-id">{result.messageId ?? '—'}</Code></Text>
          </Group>
          <Text size="xs" c="dimmed">{result.url}</Text>
          <TableScroll minWidth={400} label={t('lgspPortal.try.headers')}>
            <Table fz="xs" withTableBorder aria-label={t('lgspPortal.try.headers')}>
              <Table.Tbody>
                {Object.entries(result.headers).map(([name, value]) => (
                  <Table.Tr key={name}><Table.Th scope="row">{name}</Table.Th><Table.Td>{value}</Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Text size="sm" fw={600}>{t('lgspPortal.try.responseBody')}{result.truncated ? ` ${t('lgspPortal.try.truncated')}` : ''}</Text>
          <ScrollCode label={t('lgspPortal.try.responseBody')} testId="try-body-out">{result.body}</ScrollCode>
        </Stack>
      )}
    </Stack>
  );
}
