import { Select, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lgspApi, type LgspService, type LgspSubsystem } from '../../../api/lgsp.ts';
import { TryForm } from './TryForm.tsx';
import { bodySkeleton, type WsdlOperation } from './wsdl.ts';

const CURRENT = 'current';

/**
 * "Try it" for a SOAP service (decision 0047): the user picks an operation (and optionally a
 * registered version) and edits the body element; the server writes the X-Road SOAP envelope and
 * posts it to the gateway as the chosen subsystem. The gateway's SOAP faults are shown as answers.
 */
export function SoapTryConsole({ service, operations, subsystems }: { service: LgspService; operations: WsdlOperation[]; subsystems: LgspSubsystem[] }) {
  const { t } = useTranslation();
  const [operationName, setOperationName] = useState<string | null>(operations[0]?.name ?? null);
  const [version, setVersion] = useState<string>(CURRENT);
  const [body, setBody] = useState(operations[0] ? bodySkeleton(operations[0]) : '');
  const send = (call: { subsystemId: string; purpose?: string }) => lgspApi.trySoap({
    serviceId: service.id, ...call, operation: operationName ?? '', body, ...(version === CURRENT ? {} : { serviceVersion: version }),
  });
  const choose = (name: string | null) => {
    setOperationName(name);
    const op = operations.find((o) => o.name === name);
    if (op) setBody(bodySkeleton(op));
  };
  const versions = Array.from({ length: service.version }, (_, i) => `v${service.version - i}`);
  return (
    <TryForm service={service} subsystems={subsystems} send={send} canSend={Boolean(operationName && body.trim())}>
      <Select id="try-operation" label={t('lgspPortal.soap.operation')} required allowDeselect={false}
        data={operations.map((op) => op.name)} value={operationName} onChange={choose} />
      <Select id="try-version" label={t('lgspPortal.soap.version')} description={t('lgspPortal.soap.versionHint')} allowDeselect={false}
        data={[{ value: CURRENT, label: t('lgspPortal.soap.currentVersion', { version: `v${service.version}` }) }, ...versions.map((v) => ({ value: v, label: v }))]}
        value={version} onChange={(v) => setVersion(v ?? CURRENT)} />
      <Textarea id="try-soap-body" label={t('lgspPortal.soap.body')} description={t('lgspPortal.soap.bodyHint')} required autosize minRows={4} maxLength={65_536}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
    </TryForm>
  );
}
