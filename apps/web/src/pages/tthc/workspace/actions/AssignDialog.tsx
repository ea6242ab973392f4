import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TthcErrorAlert } from '../../common/TthcErrorAlert.tsx';
import type { DialogProps } from './types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Assigning a step to an official by account id (there is no directory of eligible officials to pick from yet). */
export function AssignDialog({ stepId, stepName, onClose, onSubmit, pending, error }: DialogProps & { stepId: string; stepName: string }) {
  const { t } = useTranslation();
  const [officialId, setOfficialId] = useState('');
  const [touched, setTouched] = useState(false);
  const invalid = !UUID.test(officialId.trim());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!invalid) onSubmit({ action: 'assign', stepId, officialId: officialId.trim() });
  };
  return (
    <Modal opened onClose={onClose} title={t('tthc.assign.title', { step: stepName })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('tthc.assign.officialId')}
            description={t('tthc.assign.hint')}
            required
            data-autofocus
            value={officialId}
            onChange={(e) => setOfficialId(e.currentTarget.value)}
            error={touched && invalid ? t('tthc.assign.invalid') : undefined}
          />
          <TthcErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={pending}>{t('tthc.assign.confirm')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
