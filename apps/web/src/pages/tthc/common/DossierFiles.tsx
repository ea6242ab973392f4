import { Button, Group, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { tthcApi, type Dossier, type DocumentKind } from '../../../api/tthc.ts';
import { formatBytes, formatDateTime } from '../../../lib/format.ts';
import { download, openInNewTab } from './download.ts';
import { TthcErrorAlert } from './TthcErrorAlert.tsx';
import { TableScroll } from '../../../components/TableScroll.tsx';

/** The dossier's files (inputs, supplements, results) with a download button each. */
export function DossierFiles({ dossier, partName }: { dossier: Dossier; partName: (code: string | null) => string }) {
  const { t, i18n } = useTranslation();
  const fetchFile = useMutation({
    mutationFn: (file: Dossier['files'][number]) => download(() => tthcApi.fileContent(dossier.id, file.id), file.fileName),
  });
  if (dossier.files.length === 0) return <Text size="sm" c="dimmed">{t('tthc.files.none')}</Text>;
  return (
    <>
      <TthcErrorAlert error={fetchFile.error} />
      <TableScroll minWidth={560} label={t('tthc.files.title')}>
        <Table striped aria-label={t('tthc.files.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tthc.files.name')}</Table.Th>
              <Table.Th scope="col">{t('tthc.files.part')}</Table.Th>
              <Table.Th scope="col">{t('tthc.files.kind')}</Table.Th>
              <Table.Th scope="col">{t('tthc.files.uploadedAt')}</Table.Th>
              <Table.Th scope="col"><span className="sr-only">{t('common.actions')}</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {dossier.files.map((file) => (
              <Table.Tr key={file.id}>
                <Table.Td>
                  <Text size="sm">{file.fileName}</Text>
                  <Text size="xs" c="dimmed">{formatBytes(file.size, i18n.language)}</Text>
                </Table.Td>
                <Table.Td><Text size="sm">{partName(file.partCode)}</Text></Table.Td>
                <Table.Td><Text size="sm">{t(`tthc.files.kinds.${file.kind}`)}</Text></Table.Td>
                <Table.Td><Text size="sm">{formatDateTime(file.uploadedAt)}</Text></Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="light" loading={fetchFile.isPending && fetchFile.variables?.id === file.id} onClick={() => fetchFile.mutate(file)}>
                    {t('tthc.files.download')}
                    <span className="sr-only"> {file.fileName}</span>
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </>
  );
}

/** Buttons opening the dossier's printable documents (PDF) that have been issued. */
export function DossierDocuments({ dossierId, kinds }: { dossierId: string; kinds: DocumentKind[] }) {
  const { t } = useTranslation();
  const open = useMutation({ mutationFn: (kind: DocumentKind) => openInNewTab(() => tthcApi.document(dossierId, kind)) });
  if (kinds.length === 0) return <Text size="sm" c="dimmed">{t('tthc.documents.none')}</Text>;
  return (
    <>
      <Group gap="xs">
        {kinds.map((kind) => (
          <Button key={kind} variant="light" size="sm" data-document={kind} loading={open.isPending && open.variables === kind} onClick={() => open.mutate(kind)}>
            {t(`tthc.documents.${kind}`)}
          </Button>
        ))}
      </Group>
      <TthcErrorAlert error={open.error} />
    </>
  );
}

/** Which documents a dossier has had issued, judged from its state and history. */
export function issuedDocuments(dossier: Dossier, actions: string[], official: boolean): DocumentKind[] {
  const kinds: DocumentKind[] = [];
  if (dossier.receivedAt) kinds.push('receipt');
  if (dossier.supplement || actions.includes('request_supplement')) kinds.push('supplement_request');
  if (dossier.status === 'rejected') kinds.push('rejection');
  if (dossier.apologised) kinds.push('apology');
  if (dossier.status === 'stopped') kinds.push('stop');
  if (official && dossier.receivedAt) kinds.push('control_sheet');
  return kinds;
}
