import { Alert, Badge, Button, Code, FileInput, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { issuesOf, tthcAdminApi, type ProcedureInput } from '../../../api/tthc-admin.ts';
import { AdminErrorAlert } from './AdminErrorAlert.tsx';
import { adminKeys } from './lookups.ts';
import { codeArea } from './styles.ts';
import { TableScroll } from '../../../components/TableScroll.tsx';

// The server's default request limit is 1 MiB; refusing here gives a clearer message than a 413.
const MAX_BODY_BYTES = 1_000_000;

type Payload = { csv: string } | { json: ProcedureInput[] };

/** JSON when the text starts like JSON (an array, or `{ "json": [...] }` as the docs show), CSV otherwise. */
function payloadOf(text: string): Payload {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return { csv: text };
  const parsed = JSON.parse(trimmed) as unknown;
  const rows = Array.isArray(parsed) ? parsed : (parsed as { json?: unknown }).json;
  if (!Array.isArray(rows)) throw new SyntaxError('not an array');
  return { json: rows as ProcedureInput[] };
}

const formatOf = (text: string) => (/^\uFEFF?\s*[[{]/.test(text) ? 'JSON' : 'CSV');

/** Paste or upload an export (JSON or CSV), edited in a spreadsheet; all rows are written or none. */
export function ImportProceduresModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (payload: Payload) => tthcAdminApi.importProcedures(payload),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.procedures }),
  });

  const onFile = async (chosen: File | null) => {
    setFile(chosen);
    if (chosen) setText(await chosen.text());
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    upload.reset();
    if (!text.trim()) return setProblem(t('form.required'));
    let payload: Payload;
    try {
      payload = payloadOf(text);
    } catch {
      return setProblem(t('tthcAdmin.import.badJson'));
    }
    if (new Blob([JSON.stringify(payload)]).size > MAX_BODY_BYTES) return setProblem(t('tthcAdmin.import.tooLarge'));
    setProblem(null);
    upload.mutate(payload);
  };

  const rowIssues = issuesOf(upload.error).flatMap((issue) => {
    if (issue.row !== undefined) return [issue];
    // A JSON row the request schema already refuses (400) is reported as `json[0].fees[0].name`:
    // the same problem as a 422 row issue, so it goes in the same table (rows counted from 1).
    const inRow = /^json\[(\d+)\]\.?(.*)$/.exec(issue.path);
    return inRow ? [{ ...issue, row: Number(inRow[1]) + 1, path: inRow[2] ?? '' }] : [];
  });
  // A CSV whose header is wrong is refused as a whole, with the offending columns (an object, not a list).
  const header = upload.error instanceof ApiError && upload.error.code === 'tthc.csv_invalid' ? (upload.error.rawDetails as { missing?: string[]; unknown?: string[] } | undefined) : undefined;

  return (
    <Modal opened onClose={onClose} title={t('tthcAdmin.import.title')} size="xl">
      <form onSubmit={onSubmit} noValidate aria-label={t('tthcAdmin.import.title')}>
        <Stack>
          <Text size="sm">{t('tthcAdmin.import.intro')}</Text>
          <FileInput label={t('tthcAdmin.import.file')} accept=".csv,.json,text/csv,application/json" value={file} onChange={(f) => void onFile(f)} clearable />
          <Textarea
            label={t('tthcAdmin.import.text')}
            description={text.trim() ? t('tthcAdmin.import.detected', { format: formatOf(text) }) : t('tthcAdmin.import.textHint')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={6}
            maxRows={16}
            styles={codeArea}
            error={problem}
            spellCheck={false}
          />
          {upload.data && (
            <Alert color="sen" variant="light" role="status" title={t('tthcAdmin.import.done')}>
              <Group gap="xs">
                <Badge variant="light">{t('tthcAdmin.import.created', { count: upload.data.created })}</Badge>
                <Badge variant="light">{t('tthcAdmin.import.updated', { count: upload.data.updated })}</Badge>
                <Badge variant="light" color="gray">
                  {t('tthcAdmin.import.unchanged', { count: upload.data.unchanged })}
                </Badge>
              </Group>
            </Alert>
          )}
          {rowIssues.length > 0 ? (
            <Alert color="red" variant="light" role="alert" title={t('tthcAdmin.import.invalidTitle', { count: rowIssues.length })}>
              <Text size="sm" mb="xs">
                {t('tthcAdmin.import.nothingWritten')}
              </Text>
              <TableScroll minWidth={480} mah={320} label={t('tthcAdmin.import.issuesLabel')}>
                <Table striped withTableBorder aria-label={t('tthcAdmin.import.issuesLabel')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('tthcAdmin.import.row')}</Table.Th>
                      <Table.Th scope="col">{t('tthcAdmin.import.field')}</Table.Th>
                      <Table.Th scope="col">{t('tthcAdmin.import.message')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rowIssues.map((issue, i) => (
                      <Table.Tr key={`${issue.row}:${issue.path}:${i}`}>
                        <Table.Td>{issue.row}</Table.Td>
                        <Table.Td>
                          <Code>{issue.path}</Code>
                        </Table.Td>
                        <Table.Td>{issue.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            </Alert>
          ) : (
            <AdminErrorAlert error={upload.error} />
          )}
          {header && (header.missing?.length || header.unknown?.length) ? (
            <Text size="sm" role="alert">
              {header.missing?.length ? t('tthcAdmin.import.missingColumns', { columns: header.missing.join(', ') }) : ''} {header.unknown?.length ? t('tthcAdmin.import.unknownColumns', { columns: header.unknown.join(', ') }) : ''}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button type="submit" loading={upload.isPending}>
              {t('tthcAdmin.import.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
