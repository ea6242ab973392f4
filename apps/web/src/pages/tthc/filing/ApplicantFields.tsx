import { Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../components/DateField.tsx';
import type { ApplicantDraft, ApplicantMode } from './applicant.ts';

interface Props {
  value: ApplicantDraft;
  onChange: (value: ApplicantDraft) => void;
  errors: Partial<Record<keyof ApplicantDraft, string>>;
  mode: ApplicantMode;
  /** Online: the procedure accepts organisations as applicants. */
  organisationsAccepted?: boolean;
}

/**
 * Who applies and how to reach them. Online, name, personal id and date of birth come from
 * VNeID and are shown read-only; a person who signed in for an enterprise may file as it.
 */
export function ApplicantFields({ value, onChange, errors, mode, organisationsAccepted = false }: Props) {
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
        <>
          {value.enterpriseCode && organisationsAccepted && (
            <Radio.Group
              id="applicant-kind"
              label={t('tthc.applicant.fileAs')}
              value={value.kind}
              onChange={(kind) => onChange({ ...value, kind: kind as ApplicantDraft['kind'] })}
            >
              <Stack gap={6} mt="xs">
                <Radio value="citizen" label={t('tthc.applicant.asPerson')} />
                <Radio value="organisation" label={t('tthc.applicant.asOrganisation', { code: value.enterpriseCode })} />
              </Stack>
            </Radio.Group>
          )}
          {value.kind === 'organisation' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput {...field('enterpriseCode')} label={t('tthc.applicant.enterpriseCode')} readOnly variant="filled" description={t('tthc.applicant.fromVneid')} />
              <TextInput {...field('organisationName')} label={t('tthc.applicant.organisation')} required maxLength={300} autoComplete="organization" />
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput {...field('fullName')} label={value.kind === 'organisation' ? t('tthc.applicant.representative') : t('tthc.applicant.fullName')} readOnly variant="filled" description={t('tthc.applicant.fromVneid')} />
            {value.personalId && <TextInput {...field('personalId')} label={t('tthc.applicant.personalId')} readOnly variant="filled" />}
            {value.dateOfBirth && <TextInput {...field('dateOfBirth')} label={t('tthc.applicant.dateOfBirth')} readOnly variant="filled" />}
          </SimpleGrid>
        </>
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
