import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader.tsx';

/** Citizen portal landing; the procedure module (tthc) adds its pages to this section. */
export function ServicesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('services.title')} description={t('services.description')} />
      <Alert variant="light" color="sen">
        <Text size="sm">{t('services.comingSoon')}</Text>
      </Alert>
    </>
  );
}
