import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The footer of every edit form: Cancel, then the submit button (busy while saving). */
export function FormActions({ onCancel, submitLabel, saving }: { onCancel: () => void; submitLabel?: string; saving: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={saving}>
        {submitLabel ?? t('common.save')}
      </Button>
    </Group>
  );
}
