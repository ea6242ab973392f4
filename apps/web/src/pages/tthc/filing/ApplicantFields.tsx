import { SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../components/DateField.tsx';
import type { ApplicantDraft, ApplicantMode } from './applicant.ts';

interface Props {
  value: ApplicantDraft;
  onChange: (value: ApplicantDraft) => void;
  errors: Partial<Record<keyof ApplicantDraft, string>>;
  mode: ApplicantMode;
}

/** Who applies and how to reach them. Online, name and personal id come from VNeID and are not typed. */
export function ApplicantFields({ value, onChange, errors, mode }: Props) {
  const { t } = useTranslation();
  const field = (key: keyof ApplicantDraft) => ({
    id: `applicant-${key}`,
    value: value[key],
    error: errors[key],
    onChange: (e: { currentTarget: { value: string } }) => onChange({ ...value, [key]: e.currentTarget.value }),
  });
  return (
    <Stack gap="sm">
      {mode === 'online' ? (
        <TextInput {...field('fullName')} label={t('tthc.applicant.fullName')} readOnly variant="filled" description={t('tthc.applicant.fromVneid')} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput {...field('fullName')} label={t('tthc.applicant.fullName')} required autoComplete="off" maxLength={200} />
          <TextInput
            {...field('personalId')}
            label={t('tthc.applicant.personalId')}
            required
            inputMode="numeric"
            maxLength={12}
            description={t('tthc.applicant.personalIdHint')}
            autoComplete="off"
          />
          <DateField {...field('dateOfBirth')} label={t('tthc.applicant.dateOfBirth')} />
        </SimpleGrid>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput {...field('phone')} label={t('tthc.applicant.phone')} type="tel" autoComplete={mode === 'online' ? 'tel' : 'off'} description={t('tthc.applicant.phoneHint')} />
        <TextInput {...field('email')} label={t('tthc.applicant.email')} type="email" autoComplete={mode === 'online' ? 'email' : 'off'} maxLength={200} description={t('tthc.applicant.emailHint')} />
      </SimpleGrid>
      <Text size="sm" fw={600} mt="xs">
        {t('tthc.applicant.address')}
      </Text>
      <TextInput {...field('line')} label={t('tthc.applicant.addressLine')} maxLength={300} autoComplete={mode === 'online' ? 'street-address' : 'off'} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput {...field('commune')} label={t('tthc.applicant.commune')} maxLength={200} />
        <TextInput {...field('province')} label={t('tthc.applicant.province')} maxLength={200} />
      </SimpleGrid>
    </Stack>
  );
}
