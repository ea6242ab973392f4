import { Fieldset, MultiSelect, Radio, SimpleGrid, Stack, Group, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../components/DateField.tsx';
import type { Errors } from './drafts.ts';
import { VERIFIABLE_FIELDS, type VerificationDraft } from './verification.ts';

/**
 * How far the procedure was checked against the national procedure database: verified, or with
 * the fields still unconfirmed (an unconfirmed national code is hidden from citizens), the
 * source consulted and when. Administrators only.
 */
export function VerificationEditor({ value, onChange, errors }: { value: VerificationDraft; onChange: (v: VerificationDraft) => void; errors: Errors }) {
  const { t } = useTranslation();
  const update = (patch: Partial<VerificationDraft>) => onChange({ ...value, ...patch });
  return (
    <Fieldset legend={t('tthcAdmin.verification.legend')}>
      <Stack gap="sm">
        <Radio.Group label={t('tthcAdmin.verification.status')} value={value.status} onChange={(status) => update({ status: status as VerificationDraft['status'] })} error={errors['verification.status']}>
          <Group mt={4}>
            {(['verified', 'unverified', 'none'] as const).map((s) => <Radio key={s} value={s} label={t(`tthcAdmin.verification.statuses.${s}`)} />)}
          </Group>
        </Radio.Group>
        {value.status !== 'none' && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('tthcAdmin.verification.source')} description={t('tthcAdmin.verification.sourceHint')} value={value.source} onChange={(e) => update({ source: e.currentTarget.value })}
                required maxLength={500} error={errors['verification.source']} />
              <DateField label={t('tthcAdmin.verification.checkedOn')} value={value.checkedOn} onChange={(e) => update({ checkedOn: e.currentTarget.value })} required error={errors['verification.checkedOn']} />
            </SimpleGrid>
            {value.status === 'unverified' && (
              <MultiSelect label={t('tthcAdmin.verification.fieldsLabel')} description={t('tthcAdmin.verification.fieldsHint')} value={value.unverified} onChange={(unverified) => update({ unverified })}
                data={VERIFIABLE_FIELDS.map((f) => ({ value: f, label: t(`tthcAdmin.verification.fields.${f}`) }))} error={errors['verification.unverified']} />
            )}
            <Textarea label={t('tthcAdmin.verification.note')} value={value.note} onChange={(e) => update({ note: e.currentTarget.value })} maxLength={1000} autosize minRows={1} error={errors['verification.note']} />
          </>
        )}
      </Stack>
    </Fieldset>
  );
}
