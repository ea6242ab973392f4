import { Alert, Badge, Button, Code, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LgspService, LgspSubsystem, LgspTryResult } from '../../../api/lgsp.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { TableScroll } from '../../../components/TableScroll.tsx';
import { ScrollCode } from './ScrollCode.tsx';

/** What a console call answers; a SOAP call also carries the envelope the server sent. */
type TryAnswer = LgspTryResult & { request?: string };

/**
 * The frame of both "try it" consoles (REST and SOAP): nothing when the service cannot be tried
 * (not a sandbox, none of my subsystems to call as), else the subsystem to call as, the fields of
 * the call (`children`), the purpose and the answer.
 */
export function TryForm({ service, subsystems, send, canSend = true, children }: {
  service: LgspService;
  subsystems: LgspSubsystem[];
  send: (call: { subsystemId: string; purpose?: string }) => Promise<TryAnswer>;
  canSend?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [subsystemId, setSubsystemId] = useState<string | null>(subsystems[0]?.id ?? null);
  const [purpose, setPurpose] = useState('');
  const call = useMutation({ mutationFn: () => send({ subsystemId: subsystemId ?? '', ...(purpose.trim() ? { purpose: purpose.trim() } : {}) }) });
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
          {children}
          <TextInput id="try-purpose" label={t('lgspPortal.try.purpose')} description={t('lgspPortal.try.purposeHint')} maxLength={500} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} />
          <Button type="submit" loading={call.isPending} disabled={!canSend} w="fit-content">{t('lgspPortal.try.send')}</Button>
        </Stack>
      </form>
      {call.error && <ErrorAlert error={call.error} />}
      {result && <TryResultView result={result} />}
      {result?.request && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>{t('lgspPortal.soap.sent')}</Text>
          <ScrollCode label={t('lgspPortal.soap.sent')} testId="try-soap-request">{result.request}</ScrollCode>
        </Stack>
      )}
    </Stack>
  );
}

/** What the gateway answered a console call: status, duration, X-Road id, headers and body (REST and SOAP alike). */
function TryResultView({ result }: { result: LgspTryResult }) {
  const { t } = useTranslation();
  return (
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
  );
}
