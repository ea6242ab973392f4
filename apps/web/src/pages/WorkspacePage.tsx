import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader.tsx';

/** One-stop workspace landing for officials; the dossier module adds its pages here. */
export function WorkspacePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('workspace.title')} description={t('workspace.description')} />
      <Alert variant="light" color="sen">
        <Text size="sm">{t('workspace.comingSoon')}</Text>
      </Alert>
    </>
  );
}
