import { Badge, Button, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcApi, type ProcedurePart } from '../../../api/tthc.ts';
import { formatBytes } from '../../../lib/format.ts';
import { TthcErrorAlert } from '../common/TthcErrorAlert.tsx';
import { StorePicker } from '../store/StorePicker.tsx';
import { ACCEPTED_FILES, MAX_UPLOAD_BYTES, type AttachedFile } from './submission.ts';

interface Props {
  part: Pick<ProcedurePart, 'code' | 'name' | 'required'> & Partial<Pick<ProcedurePart, 'originals' | 'copies'>>;
  files: AttachedFile[];
  onChange: (files: AttachedFile[]) => void;
  error?: string;
  /** Offer "Chọn từ kho dữ liệu" (a signed-in citizen filing or supplementing their own dossier). */
  fromStore?: boolean;
}

/** One dossier part's files: upload, replace, remove. Files are uploaded at once and claimed on submit. */
export function FilePartField({ part, files, onChange, error, fromStore = false }: Props) {
  const { t, i18n } = useTranslation();
  const [tooLarge, setTooLarge] = useState(false);
  const [picking, setPicking] = useState(false);
  const picked = (uploaded: { id: string; fileName: string; size: number }) => {
    setPicking(false);
    onChange([...files, { uploadId: uploaded.id, partCode: part.code, fileName: uploaded.fileName, size: uploaded.size, fromStore: true }]);
  };
  const upload = useMutation({
    mutationFn: async ({ file }: { file: File; replacing?: string }) => tthcApi.upload(file),
    onSuccess: (uploaded, { replacing }) => {
      const added: AttachedFile = { uploadId: uploaded.id, partCode: part.code, fileName: uploaded.fileName, size: uploaded.size };
      onChange(replacing ? files.map((f) => (f.uploadId === replacing ? added : f)) : [...files, added]);
    },
  });
  const pick = (file: File | null, replacing?: string) => {
    if (!file) return;
    // Refuse early what the server would refuse after a 20 MB transfer.
    setTooLarge(file.size > MAX_UPLOAD_BYTES);
    if (file.size <= MAX_UPLOAD_BYTES) upload.mutate({ file, replacing });
  };
  const headingId = `part-${part.code}-name`;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={headingId} data-part={part.code}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text id={headingId} fw={600} size="sm">
            {part.name}
            {part.required && <Text span c="red" aria-hidden> *</Text>}
          </Text>
          <Badge variant="light" color={part.required ? 'red' : 'gray'} tt="none">
            {part.required ? t('tthc.parts.required') : t('tthc.parts.optional')}
          </Badge>
        </Group>
        {part.originals !== undefined && (
          <Text size="xs" c="dimmed">{t('tthc.parts.counts', { originals: part.originals, copies: part.copies ?? 0 })}</Text>
        )}
        {files.map((file) => (
          <Group key={file.uploadId} justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" data-testid="attached-file">
              {file.fileName}
              {file.size !== undefined && <Text span size="xs" c="dimmed"> ({formatBytes(file.size, i18n.language)})</Text>}
              {file.fromStore && <Text span size="xs" c="teal"> · {t('tthc.store.picker.fromStore')}</Text>}
            </Text>
            <Group gap={4}>
              <FileButton accept={ACCEPTED_FILES} onChange={(f) => pick(f, file.uploadId)}>
                {(props) => (
                  <Button {...props} size="compact-sm" variant="subtle" disabled={upload.isPending}>
                    {t('tthc.upload.replace')}
                    <span className="sr-only"> {file.fileName}</span>
                  </Button>
                )}
              </FileButton>
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => onChange(files.filter((f) => f.uploadId !== file.uploadId))}>
                {t('common.remove')}
                <span className="sr-only"> {file.fileName}</span>
              </Button>
            </Group>
          </Group>
        ))}
        <Group gap="xs">
          <FileButton accept={ACCEPTED_FILES} onChange={(f) => pick(f)}>
            {(props) => (
              <Button {...props} variant="light" size="sm" w="fit-content" loading={upload.isPending} aria-describedby={headingId}>
                {files.length ? t('tthc.upload.addAnother') : t('tthc.upload.choose')}
              </Button>
            )}
          </FileButton>
          {fromStore && (
            <Button variant="subtle" size="sm" onClick={() => setPicking(true)} aria-describedby={headingId} data-testid="pick-from-store">
              {t('tthc.store.picker.open')}
            </Button>
          )}
        </Group>
        {picking && <StorePicker partName={part.name} onPicked={picked} onClose={() => setPicking(false)} />}
        <Text size="xs" c="dimmed">{t('tthc.upload.hint')}</Text>
        {tooLarge && <Text c="red" size="sm" role="alert">{t('tthc.errors.uploadTooLarge')}</Text>}
        {error && <Text c="red" size="sm" role="alert">{error}</Text>}
        <TthcErrorAlert error={upload.error} />
      </Stack>
    </Paper>
  );
}
