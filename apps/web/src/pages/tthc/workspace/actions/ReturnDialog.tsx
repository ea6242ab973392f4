import { Button, Group, Modal, Radio, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TthcErrorAlert } from '../../common/TthcErrorAlert.tsx';
import type { DialogProps } from './types.ts';

const METHODS = ['desk', 'online', 'post'] as const;
type Method = (typeof METHODS)[number];

/** Returning the result closes the dossier: say how it was handed over. */
export function ReturnDialog({ defaultMethod, onClose, onSubmit, pending, error }: DialogProps & { defaultMethod: Method }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<Method>(defaultMethod);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ action: 'return', method });
  };
  return (
    <Modal opened onClose={onClose} title={t('tthc.actionLabels.return')}>
      <form onSubmit={submit}>
        <Stack>
          <Radio.Group label={t('tthc.returnResult.method')} value={method} onChange={(v) => setMethod(v as Method)} required>
            <Stack gap="xs" mt="xs">
              {METHODS.map((m) => (
                <Radio key={m} value={m} label={t(`tthc.returnResult.methods.${m}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <TthcErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={pending}>{t('tthc.returnResult.confirm')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
