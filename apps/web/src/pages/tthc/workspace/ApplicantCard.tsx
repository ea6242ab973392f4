import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Applicant } from '../../../api/tthc.ts';
import { formatDate } from '../../../lib/format.ts';

/** The applicant as filed (officials handling the dossier see the full identity). */
export function ApplicantCard({ applicant }: { applicant: Applicant }) {
  const { t } = useTranslation();
  const rows: [string, string | undefined][] = [
    [t('tthc.applicant.fullName'), applicant.fullName],
    [t('tthc.applicant.organisation'), applicant.organisationName],
    [t('tthc.applicant.personalId'), applicant.personalId],
    [t('tthc.applicant.enterpriseCode'), applicant.enterpriseCode],
    [t('tthc.applicant.dateOfBirth'), applicant.dateOfBirth ? formatDate(applicant.dateOfBirth) : undefined],
    [t('tthc.applicant.phone'), applicant.phone],
    [t('tthc.applicant.email'), applicant.email],
    [t('tthc.applicant.address'), applicant.address ? [applicant.address.line, applicant.address.commune, applicant.address.province].filter(Boolean).join(', ') : undefined],
  ];
  return (
    <Card withBorder component="section" aria-labelledby="applicant-title">
      <Title order={2} size="h4" id="applicant-title" mb="sm">{t('tthc.detail.applicant')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <Stack key={label} gap={0}>
              <Text size="xs" c="dimmed">{label}</Text>
              <Text size="sm">{value}</Text>
            </Stack>
          ))}
      </SimpleGrid>
    </Card>
  );
}
