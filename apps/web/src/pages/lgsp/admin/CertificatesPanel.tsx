import { Alert, Button, Card, FileInput, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lgspApi, type LgspSubsystem, type LgspSubsystemCertificate } from '../../../api/lgsp.ts';
import { submitWith } from '../../../lib/forms.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';

/** The common name of a distinguished name as Node prints it ("C=VN\nO=…\nCN=…"), else the whole. */
const commonName = (dn: string) => /(?:^|\n|,\s*)CN=([^\n,]+)/.exec(dn)?.[1] ?? dn;

/** Client certificates that authenticate one of my subsystems at the gateway's mutual TLS (decision 0035). */
export function CertificatesPanel({ subsystems }: { subsystems: LgspSubsystem[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [subsystemId, setSubsystemId] = useState<string | null>(subsystems[0]?.id ?? null);
  const [pem, setPem] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [confirming, setConfirming] = useState<LgspSubsystemCertificate | null>(null);
  const key = ['lgsp', 'subsystem', subsystemId, 'certificates'];
  const certificates = useQuery({ queryKey: key, queryFn: () => lgspApi.certificates(subsystemId ?? ''), enabled: subsystemId !== null });
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const register = useMutation({
    mutationFn: async () => lgspApi.registerCertificate(subsystemId ?? '', file ? await file.text() : pem.trim()),
    onSuccess: () => {
      setPem('');
      setFile(null);
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (certificate: LgspSubsystemCertificate) => lgspApi.removeCertificate(certificate.subsystemId, certificate.id),
    onSuccess: () => {
      setConfirming(null);
      return refresh();
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="certificates-title">
      <Title order={2} size="h4" id="certificates-title" mb="xs">{t('lgspAdmin.certificates.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('lgspAdmin.certificates.hint')}</Text>
      <Select id="certificates-subsystem" label={t('lgspAdmin.certificates.subsystem')} allowDeselect={false} w={360} mb="sm" value={subsystemId}
        onChange={(value) => { setSubsystemId(value); setConfirming(null); }}
        data={subsystems.map((s) => ({ value: s.id, label: `${s.name} (${s.xroadId})` }))} />
      {subsystemId && (
        <Stack gap="sm">
          <DataTable caption={t('lgspAdmin.certificates.list')} rows={certificates.data} rowKey={(c) => c.id} isPending={certificates.isPending} error={certificates.error}
            emptyText={t('lgspAdmin.certificates.empty')} minWidth={800} columns={[
              { key: 'subject', header: t('lgspAdmin.certificates.subject'), cell: (c) => commonName(c.subject) },
              { key: 'serial', header: t('lgspAdmin.certificates.serial'), cell: (c) => <code>{c.serialNumber}</code>, priority: 'secondary' },
              { key: 'issuer', header: t('lgspAdmin.certificates.issuer'), cell: (c) => commonName(c.issuer), priority: 'secondary' },
              { key: 'valid', header: t('lgspAdmin.certificates.validTo'), cell: (c) => formatDate(c.notAfter) },
              { key: 'added', header: t('lgspAdmin.certificates.added'), cell: (c) => formatDateTime(c.createdAt), priority: 'secondary' },
              { key: 'actions', header: t('common.actions'), cell: (c) => (
                <Button size="xs" variant="subtle" color="red" onClick={() => setConfirming(c)}
                  aria-label={t('lgspAdmin.certificates.removeOf', { name: commonName(c.subject) })}>{t('lgspAdmin.certificates.remove')}</Button>
              ) },
            ]} />
          {confirming && (
            <Paper withBorder p="sm" role="alertdialog" aria-labelledby="certificate-confirm-title" aria-describedby="certificate-confirm-text">
              <Text fw={600} size="sm" id="certificate-confirm-title">{t('lgspAdmin.certificates.confirmTitle', { name: commonName(confirming.subject) })}</Text>
              <Text size="sm" id="certificate-confirm-text">{t('lgspAdmin.certificates.confirm', { name: commonName(confirming.subject), serial: confirming.serialNumber })}</Text>
              <Group gap="xs" mt="xs">
                <Button size="xs" color="red" loading={remove.isPending} onClick={() => remove.mutate(confirming)}>{t('lgspAdmin.certificates.confirmRemove')}</Button>
                <Button size="xs" variant="default" onClick={() => setConfirming(null)}>{t('common.cancel')}</Button>
              </Group>
            </Paper>
          )}
          {remove.error && <ErrorAlert error={remove.error} />}
          <form onSubmit={submitWith(() => register.mutate())} aria-labelledby="certificate-form-title">
            <Stack gap="xs">
              <Title order={3} size="h5" id="certificate-form-title">{t('lgspAdmin.certificates.register')}</Title>
              <Textarea id="certificate-pem" label={t('lgspAdmin.certificates.pem')} description={t('lgspAdmin.certificates.pemHint')} autosize minRows={3} maxRows={10}
                maxLength={20_000} value={pem} onChange={(e) => setPem(e.currentTarget.value)} disabled={file !== null} styles={{ input: { fontFamily: 'monospace' } }} />
              <Group align="flex-end" wrap="wrap">
                <FileInput id="certificate-file" label={t('lgspAdmin.certificates.file')} accept=".pem,.crt,.cer,application/x-pem-file" w={320}
                  value={file} onChange={setFile} clearable clearButtonProps={{ 'aria-label': t('lgspAdmin.clearFile') }} />
                <Button type="submit" loading={register.isPending} disabled={!file && pem.trim().length < 100}>{t('lgspAdmin.certificates.submit')}</Button>
              </Group>
              {register.error && <ErrorAlert error={register.error} />}
              {register.isSuccess && <Alert color="green" role="status">{t('lgspAdmin.certificates.done')}</Alert>}
            </Stack>
          </form>
        </Stack>
      )}
    </Card>
  );
}
