import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcApi } from '../../../../api/tthc.ts';
import { TthcErrorAlert } from '../../common/TthcErrorAlert.tsx';
import type { DialogProps } from './types.ts';

/** Assigning a step to a named official, chosen among those who may take it (the server decides who may). */
export function AssignDialog({ dossierId, stepId, stepName, onClose, onSubmit, pending, error }: DialogProps & { dossierId: string; stepId: string; stepName: string }) {
  const { t } = useTranslation();
  const [officialId, setOfficialId] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const candidates = useQuery({ queryKey: ['tthc', 'assignees', dossierId, stepId], queryFn: () => tthcApi.assignees(dossierId, stepId) });
  const options = (candidates.data?.items ?? []).map((o) => ({ value: o.id, label: o.fullName }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (officialId) onSubmit({ action: 'assign', stepId, officialId });
  };
  return (
    <Modal opened onClose={onClose} title={t('tthc.assign.title', { step: stepName })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label={t('tthc.assign.officialId')}
            description={t('tthc.assign.hint')}
            required
            searchable
            data-autofocus
            data={options}
            value={officialId}
            onChange={setOfficialId}
            disabled={candidates.isPending}
            error={touched && !officialId ? t('tthc.assign.invalid') : undefined}
          />
          {candidates.isSuccess && options.length === 0 && <Text size="sm" c="dimmed">{t('tthc.assign.none')}</Text>}
          <TthcErrorAlert error={error ?? candidates.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={pending}>{t('tthc.assign.confirm')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
