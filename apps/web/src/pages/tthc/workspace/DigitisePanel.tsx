import { Alert, Button, Card, Checkbox, FileButton, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { storeApi } from '../../../api/store.ts';
import { tthcApi, type Dossier, type Procedure } from '../../../api/tthc.ts';
import { useAuth } from '../../../auth/AuthProvider.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { useLocalisedError } from '../common/errors.ts';
import { TthcErrorAlert } from '../common/TthcErrorAlert.tsx';
import { ACCEPTED_FILES } from '../filing/submission.ts';
import { TrueCopyMark } from '../store/TrueCopyMark.tsx';

/**
 * The desk digitises the papers handed in: a scan of a part, certified by the official as a true
 * copy of the original (the server makes the mark). Everyone who sees the dossier sees the marks,
 * checked by the server now (valid, or why not).
 */
export function DigitisePanel({ dossier, procedure }: { dossier: Dossier; procedure: Procedure | undefined }) {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const { canAny } = useAuth();
  const client = useQueryClient();
  const parts = useQuery({ queryKey: ['tthc', 'dossier', dossier.id, 'digitised'], queryFn: () => storeApi.digitised(dossier.id) });
  const [partCode, setPartCode] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [tried, setTried] = useState(false);
  const digitise = useMutation({
    mutationFn: async () => {
      const uploaded = await tthcApi.upload(file!);
      return storeApi.digitise(dossier.id, { uploadId: uploaded.id, partCode: partCode! });
    },
    onSuccess: async () => {
      setFile(null);
      setConfirmed(false);
      setTried(false);
      await client.invalidateQueries({ queryKey: ['tthc', 'dossier', dossier.id] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (partCode && file && confirmed) digitise.mutate();
  };
  const partName = (code: string | null) => procedure?.parts.find((p) => p.code === code)?.name ?? code ?? '';
  const mayDigitise = canAny(['dossier.receive']);
  return (
    <Card withBorder component="section" aria-labelledby="digitise-title">
      <Title order={2} size="h4" id="digitise-title" mb="sm">{t('tthc.store.digitise.title')}</Title>
      <Stack gap="md">
        <QueryState isPending={parts.isPending} error={localised(parts.error)}>
          {parts.data?.items.length === 0 && <Text size="sm" c="dimmed">{t('tthc.store.digitise.empty')}</Text>}
          {!!parts.data?.items.length && <Stack gap="xs" aria-label={t('tthc.store.digitise.list')} role="list">
            {parts.data.items.map((p) => (
              <Group key={p.id} role="listitem" justify="space-between" align="flex-start" wrap="wrap" data-digitised={p.id}>
                <Stack gap={0}>
                  <Text size="sm" fw={600}>{partName(p.partCode)}</Text>
                  <Text size="xs" c="dimmed">{p.fileName}</Text>
                </Stack>
                <TrueCopyMark certification={p.certification} withHash />
              </Group>
            ))}
          </Stack>}
        </QueryState>
        {mayDigitise && (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Text size="sm">{t('tthc.store.digitise.intro')}</Text>
              <Select
                label={t('tthc.store.digitise.part')} required data={(procedure?.parts ?? []).map((p) => ({ value: p.code, label: p.name }))}
                value={partCode} onChange={setPartCode} error={tried && !partCode ? t('form.required') : undefined}
              />
              <Group gap="xs" align="center">
                <FileButton accept={ACCEPTED_FILES} onChange={setFile}>
                  {(props) => <Button {...props} variant="light" size="sm">{t('tthc.store.digitise.choose')}</Button>}
                </FileButton>
                <Text size="sm" aria-live="polite">{file?.name ?? ''}</Text>
              </Group>
              {tried && !file && <Text c="red" size="sm" role="alert">{t('tthc.store.digitise.fileRequired')}</Text>}
              <Checkbox
                label={t('tthc.store.digitise.confirm')} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)}
                error={tried && !confirmed ? t('tthc.store.digitise.confirmRequired') : undefined}
              />
              <TthcErrorAlert error={digitise.error} />
              {digitise.isSuccess && <Alert color="teal" role="status">{t('tthc.store.digitise.done')}</Alert>}
              <Button type="submit" w="fit-content" loading={digitise.isPending}>{t('tthc.store.digitise.submit')}</Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
