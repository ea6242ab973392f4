import { Select, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lgspApi, type LgspService, type LgspSubsystem } from '../../../api/lgsp.ts';
import { examplePath, type DocOperation } from './openapi.ts';
import { operationKey } from './ServiceDocs.tsx';
import { TryForm } from './TryForm.tsx';

const withBody = (method: string) => !['GET', 'HEAD', 'DELETE'].includes(method);

/**
 * "Try it": the server calls the gateway as the chosen subsystem (decision 0037), so the call is
 * checked, logged and monitored like any other; only for services flagged sandbox.
 */
export function TryConsole({ service, operations, subsystems }: { service: LgspService; operations: DocOperation[]; subsystems: LgspSubsystem[] }) {
  const { t } = useTranslation();
  const first = operations[0];
  const [endpoint, setEndpoint] = useState<string | null>(first ? operationKey(first) : null);
  const operation = operations.find((op) => operationKey(op) === endpoint);
  const [path, setPath] = useState(first ? examplePath(first) : '/');
  const [body, setBody] = useState(first?.requestBody?.example ? JSON.stringify(first.requestBody.example, null, 2) : '');
  const send = (call: { subsystemId: string; purpose?: string }) => lgspApi.tryIt({
    serviceId: service.id, ...call, method: operation?.method ?? 'GET', path,
    ...(operation && withBody(operation.method) && body.trim() ? { body, contentType: operation.requestBody?.contentType ?? 'application/json' } : {}),
  });
  const choose = (key: string | null) => {
    setEndpoint(key);
    const op = operations.find((o) => operationKey(o) === key);
    if (op) {
      setPath(examplePath(op));
      setBody(op.requestBody?.example ? JSON.stringify(op.requestBody.example, null, 2) : '');
    }
  };
  return (
    <TryForm service={service} subsystems={subsystems} send={send}>
      <Select id="try-endpoint" label={t('lgspPortal.try.endpoint')} required allowDeselect={false}
        data={operations.map((op) => ({ value: operationKey(op), label: operationKey(op) }))} value={endpoint} onChange={choose} />
      <TextInput id="try-path" label={t('lgspPortal.try.path')} description={t('lgspPortal.try.pathHint')} required value={path} onChange={(e) => setPath(e.currentTarget.value)} />
      {operation && withBody(operation.method) && (
        <Textarea id="try-body" label={t('lgspPortal.try.body')} description={t('lgspPortal.try.bodyHint')} autosize minRows={3} maxLength={65_536}
          value={body} onChange={(e) => setBody(e.currentTarget.value)} />
      )}
    </TryForm>
  );
}
