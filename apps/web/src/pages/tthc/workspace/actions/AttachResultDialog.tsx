import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TthcErrorAlert } from '../../common/TthcErrorAlert.tsx';
import { FilePartField } from '../../filing/FilePartField.tsx';
import type { AttachedFile } from '../../filing/submission.ts';
import type { DialogProps } from './types.ts';

/** Attaching the result (the signed certificate, licence…) as files. */
export function AttachResultDialog({ onClose, onSubmit, pending, error }: DialogProps) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<AttachedFile[]>([]);
  return (
    <Modal opened onClose={onClose} title={t('tthc.actionLabels.attach_result')} size="lg">
      <Stack>
        <FilePartField part={{ code: 'result', name: t('tthc.attachResult.files'), required: true }} files={files} onChange={setFiles} />
        <TthcErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button disabled={files.length === 0} loading={pending} onClick={() => onSubmit({ action: 'attach_result', files: files.map((f) => f.uploadId) })}>
            {t('tthc.actionLabels.attach_result')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
