import { Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedurePart } from '../../../../api/tthc.ts';
import { TthcErrorAlert } from '../../common/TthcErrorAlert.tsx';
import type { DialogProps } from './types.ts';

/** Asking for a supplement: tick the parts to redo, each with its reason (printed on the request notice). */
export function SupplementDialog({ parts, onClose, onSubmit, pending, error }: DialogProps & { parts: ProcedurePart[] }) {
  const { t } = useTranslation();
  const options = [...parts.map((p) => ({ code: p.code, name: p.name })), { code: 'other', name: t('tthc.supplement.otherPart') }];
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const chosen = Object.entries(reasons);
  const none = chosen.length === 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (none || chosen.some(([, reason]) => !reason.trim())) return;
    onSubmit({ action: 'request_supplement', items: chosen.map(([partCode, reason]) => ({ partCode, reason: reason.trim() })), note: note.trim() || undefined });
  };
  const toggle = (code: string, on: boolean) =>
    setReasons((prev) => {
      const next = { ...prev };
      if (on) next[code] = '';
      else delete next[code];
      return next;
    });
  return (
    <Modal opened onClose={onClose} title={t('tthc.actionLabels.request_supplement')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('tthc.supplement.chooseParts')}</Text>
          {options.map((option) => (
            <Stack key={option.code} gap={4}>
              <Checkbox label={option.name} checked={option.code in reasons} onChange={(e) => toggle(option.code, e.currentTarget.checked)} />
              {option.code in reasons && (
                <Textarea
                  ml="xl"
                  label={t('tthc.supplement.reasonLabel', { name: option.name })}
                  required
                  autosize
                  maxLength={500}
                  value={reasons[option.code]}
                  onChange={(e) => setReasons((prev) => ({ ...prev, [option.code]: e.currentTarget.value }))}
                  error={touched && !reasons[option.code]?.trim() ? t('form.required') : undefined}
                />
              )}
            </Stack>
          ))}
          {touched && none && <Text c="red" size="sm" role="alert">{t('tthc.supplement.noneChosen')}</Text>}
          <Textarea label={t('tthc.supplement.officialNote')} autosize maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <TthcErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={pending}>{t('tthc.actionLabels.request_supplement')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
