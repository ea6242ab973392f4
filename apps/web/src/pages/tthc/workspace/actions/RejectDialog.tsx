import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TthcErrorAlert } from '../../common/TthcErrorAlert.tsx';
import type { DialogProps } from './types.ts';

/** Refusing at intake: one or more reasons, each printed on the rejection notice. */
export function RejectDialog({ onClose, onSubmit, pending, error }: DialogProps) {
  const { t } = useTranslation();
  const [reasons, setReasons] = useState(['']);
  const [touched, setTouched] = useState(false);
  const filled = reasons.map((r) => r.trim()).filter(Boolean);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (filled.length > 0) onSubmit({ action: 'reject', reasons: filled });
  };
  return (
    <Modal opened onClose={onClose} title={t('tthc.actionLabels.reject')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {reasons.map((reason, index) => (
            <Group key={index} align="flex-end" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label={t('tthc.reject.reason', { index: index + 1 })}
                required={index === 0}
                maxLength={500}
                value={reason}
                onChange={(e) => setReasons(reasons.map((r, i) => (i === index ? e.currentTarget.value : r)))}
                data-autofocus={index === 0 || undefined}
              />
              {reasons.length > 1 && (
                <Button variant="subtle" color="red" onClick={() => setReasons(reasons.filter((_, i) => i !== index))}>
                  {t('common.remove')}
                </Button>
              )}
            </Group>
          ))}
          <Button variant="light" w="fit-content" size="compact-sm" disabled={reasons.length >= 10} onClick={() => setReasons([...reasons, ''])}>
            {t('tthc.reject.addReason')}
          </Button>
          {touched && filled.length === 0 && <Text c="red" size="sm" role="alert">{t('tthc.reject.noReason')}</Text>}
          <TthcErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" color="red" loading={pending}>{t('tthc.actionLabels.reject')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
