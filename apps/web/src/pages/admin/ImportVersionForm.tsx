import { Button, Card, Checkbox, FileInput, Group, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, type ItemInput } from '../../api/catalog.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fieldError } from '../../lib/forms.ts';
import { formatDate, parseDate, todayIso } from '../../lib/format.ts';

const MAX_BYTES = 850_000;

/** CSV goes up as text; JSON as items (an array, or `{ items: [...] }`). */
async function readUpload(file: File): Promise<{ csv: string } | { items: ItemInput[] }> {
  const text = await file.text();
  if (!file.name.toLowerCase().endsWith('.json')) return { csv: text };
  const parsed = JSON.parse(text) as unknown;
  const items = Array.isArray(parsed) ? parsed : (parsed as { items?: unknown }).items;
  if (!Array.isArray(items)) throw new Error('JSON must be an array of items or { "items": [...] }');
  return { items: items as ItemInput[] };
}

/** Uploads a CSV/JSON file as a new version of a code list. */
export function ImportVersionForm({ code, onImported }: { code: string; onImported: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [publish, setPublish] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const upload = useMutation({
    mutationFn: async (input: { file: File; effectiveFrom: string; note: string }) =>
      catalogApi.importVersion(code, { ...(await readUpload(input.file)), effectiveFrom: input.effectiveFrom, publish, note: input.note || undefined }),
    onSuccess: () => {
      setFile(null);
      onImported();
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const dateText = String(data.get('effectiveFrom') ?? '').trim();
    const effectiveFrom = dateText ? parseDate(dateText) : todayIso();
    const next: Record<string, string> = {};
    if (!file) next.file = t('form.required');
    else if (file.size > MAX_BYTES) next.file = t('catalogues.fileTooLarge');
    if (!effectiveFrom) next.effectiveFrom = t('form.invalidDate');
    setProblems(next);
    if (file && effectiveFrom && Object.keys(next).length === 0) upload.mutate({ file, effectiveFrom, note: String(data.get('note') ?? '').trim() });
  };
  const error = (name: string) => problems[name] ?? fieldError(upload.error, name);

  return (
    <Card withBorder mb="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="import-title">
        <Title order={3} size="h5" id="import-title" mb="xs">
          {t('catalogues.import')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <FileInput
            label={t('catalogues.importFile')}
            description={t('catalogues.importHint')}
            accept=".csv,.json,text/csv,application/json"
            value={file}
            onChange={setFile}
            clearable
            required
            error={error('file') ?? fieldError(upload.error, 'csv') ?? fieldError(upload.error, 'items')}
          />
          <DateField name="effectiveFrom" label={t('catalogues.effectiveFromLabel')} description={t('catalogues.effectiveFromHint', { date: formatDate(todayIso()) })} error={error('effectiveFrom')} />
          <TextInput name="note" label={t('catalogues.note')} error={error('note')} />
          <Checkbox mt="xl" label={t('catalogues.publishNow')} checked={publish} onChange={(e) => setPublish(e.currentTarget.checked)} />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button type="submit" loading={upload.isPending}>
            {t('catalogues.importSubmit')}
          </Button>
        </Group>
        {upload.data && (
          <Text size="sm" c="sen.8" mt="xs" role="status">
            {t('catalogues.imported', { version: upload.data.version, count: upload.data.itemCount })}
          </Text>
        )}
        <ErrorAlert error={upload.error && !(upload.error instanceof SyntaxError) ? upload.error : null} />
        {upload.error instanceof SyntaxError && (
          <Text size="sm" c="red.9" role="alert">
            {t('catalogues.badJson')}
          </Text>
        )}
      </form>
    </Card>
  );
}
