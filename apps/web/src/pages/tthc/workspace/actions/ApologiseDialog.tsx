import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../../components/DateField.tsx';
import { formatDate, parseDate } from '../../../../lib/format.ts';
import { TthcErrorAlert } from '../../common/TthcErrorAlert.tsx';
import type { DialogProps } from './types.ts';

/** The apology notice: a new promised date (after the current one) and the reason for the delay. */
export function ApologiseDialog({ dueDate, onClose, onSubmit, pending, error }: DialogProps & { dueDate: string | null }) {
  const { t } = useTranslation();
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const iso = parseDate(date);
  const dateError = !touched ? undefined : !iso ? t('form.invalidDate') : dueDate && iso <= dueDate ? t('tthc.apologise.mustBeLater', { date: formatDate(dueDate) }) : undefined;
  const reasonError = touched && !reason.trim() ? t('form.required') : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (iso && (!dueDate || iso > dueDate) && reason.trim()) onSubmit({ action: 'apologise', newDueDate: iso, reason: reason.trim() });
  };
  return (
    <Modal opened onClose={onClose} title={t('tthc.actionLabels.apologise')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <DateField
            label={t('tthc.apologise.newDate')}
            description={dueDate ? t('tthc.apologise.current', { date: formatDate(dueDate) }) : undefined}
            required
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={dateError}
            data-autofocus
          />
          <Textarea label={t('tthc.apologise.reason')} required autosize minRows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} />
          <TthcErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={pending}>{t('tthc.actionLabels.apologise')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
