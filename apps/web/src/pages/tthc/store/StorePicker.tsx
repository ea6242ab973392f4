import { Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { storeApi, type ReusedUpload } from '../../../api/store.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useLocalisedError } from '../common/errors.ts';
import { TthcErrorAlert } from '../common/TthcErrorAlert.tsx';
import { TrueCopyMark } from './TrueCopyMark.tsx';

/**
 * "Chọn từ kho dữ liệu": the citizen picks a document of their e-data store for a dossier part;
 * the server turns it into an upload of theirs (nothing is sent again) and the dossier records
 * that the file came from the store.
 */
export function StorePicker({ partName, onPicked, onClose }: { partName: string; onPicked: (upload: ReusedUpload) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const documents = useQuery({ queryKey: ['tthc', 'store', 'documents'], queryFn: storeApi.documents });
  const reuse = useMutation({ mutationFn: (ref: string) => storeApi.reuse(ref), onSuccess: (upload) => onPicked(upload) });
  const usable = (documents.data?.items ?? []).filter((d) => !d.certification || d.certification.valid);
  return (
    <Modal opened onClose={onClose} title={`${t('tthc.store.picker.title')} — ${partName}`} size="lg">
      <QueryState isPending={documents.isPending} error={localised(documents.error)}>
        <Stack gap="xs">
          {usable.length === 0 && <Text size="sm">{t('tthc.store.picker.empty')}</Text>}
          {usable.map((d) => (
            <Paper key={d.id} withBorder p="xs" data-store-document={d.id}>
              <Group justify="space-between" wrap="wrap" align="flex-start">
                <Stack gap={2}>
                  <Text size="sm" fw={600}>{d.title}</Text>
                  <Text size="xs" c="dimmed">{d.fileName} · {t(`tthc.store.source.${d.source}`)} · {formatDateTime(d.at)}</Text>
                  {d.certification && <TrueCopyMark certification={d.certification} />}
                </Stack>
                <Button size="compact-sm" onClick={() => reuse.mutate(d.id)} loading={reuse.isPending && reuse.variables === d.id}>
                  {t('tthc.store.picker.use')}<span className="sr-only"> {d.title}</span>
                </Button>
              </Group>
            </Paper>
          ))}
          <TthcErrorAlert error={reuse.error} />
        </Stack>
      </QueryState>
    </Modal>
  );
}
