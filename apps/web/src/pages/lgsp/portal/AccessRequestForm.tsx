import { Alert, Button, Select, Stack, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { lgspApi, type LgspService, type LgspSubsystem } from '../../../api/lgsp.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { fieldError } from '../../../lib/forms.ts';

const WHOLE = '*';

/** The consumer's side of self-service access: one of my agency's subsystems, the whole service or one endpoint, and why. */
export function AccessRequestForm({ service, subsystems }: { service: LgspService; subsystems: LgspSubsystem[] }) {
  const { t } = useTranslation();
  const [subsystemId, setSubsystemId] = useState<string | null>(subsystems[0]?.id ?? null);
  const [endpoint, setEndpoint] = useState<string | null>(WHOLE);
  const [reason, setReason] = useState('');
  const send = useMutation({
    mutationFn: () => {
      const chosen = endpoint && endpoint !== WHOLE ? service.endpoints[Number(endpoint)] : undefined;
      return lgspApi.requestAccess({
        serviceId: service.id, subsystemId: subsystemId ?? '', reason: reason.trim(),
        ...(chosen ? { method: chosen.method, pathPattern: chosen.path } : {}),
      });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  if (subsystems.length === 0) return <Alert color="yellow" role="status">{t('lgspPortal.access.noSubsystem')}</Alert>;
  const reasonError = fieldError(send.error, 'reason');
  return (
    <form onSubmit={submit} aria-labelledby="access-title" noValidate>
      <Stack gap="sm" maw={640}>
        <Select id="access-subsystem" label={t('lgspPortal.access.subsystem')} required allowDeselect={false}
          data={subsystems.map((s) => ({ value: s.id, label: `${s.name} (${s.xroadId})` }))} value={subsystemId} onChange={setSubsystemId} />
        <Select id="access-endpoint" label={t('lgspPortal.access.endpoint')} required allowDeselect={false}
          data={[{ value: WHOLE, label: t('lgspPortal.access.wholeService') }, ...service.endpoints.map((e, i) => ({ value: String(i), label: `${e.method} ${e.path}` }))]}
          value={endpoint} onChange={setEndpoint} />
        <Textarea id="access-reason" label={t('lgspPortal.access.reason')} required autosize minRows={2} maxLength={2000}
          value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} />
        {send.error && !reasonError && <ErrorAlert error={send.error} />}
        {send.data && <Alert color="green" role="status">{t('lgspPortal.access.sent')}</Alert>}
        <Button type="submit" loading={send.isPending} disabled={!reason.trim() || !subsystemId} w="fit-content">{t('lgspPortal.access.submit')}</Button>
      </Stack>
    </form>
  );
}
