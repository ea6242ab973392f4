import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TthcErrorAlert } from './TthcErrorAlert.tsx';

interface Props {
  title: string;
  label: string;
  confirmLabel: string;
  onClose: () => void;
  onConfirm: (text: string) => void;
  pending: boolean;
  error: unknown;
  /** A consequence to read before confirming (withdrawal, cancellation cannot be undone). */
  warning?: ReactNode;
  color?: string;
  /** Most actions need a reason; a transition's comment may be optional. */
  optional?: boolean;
}

/** A confirmation that asks for a reason or comment (withdraw, cancel, pause, comment, a step's transition). */
export function ReasonDialog({ title, label, confirmLabel, onClose, onConfirm, pending, error, warning, color, optional }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = !optional && text.trim() === '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!missing) onConfirm(text.trim());
  };
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {warning && <Alert color="yellow" variant="light">{warning}</Alert>}
          <Textarea
            label={label}
            required={!optional}
            data-autofocus
            autosize
            minRows={3}
            maxLength={1000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={touched && missing ? t('form.required') : undefined}
          />
          <TthcErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" color={color} loading={pending}>{confirmLabel}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
