import { Center, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert.tsx';

interface Props {
  isPending: boolean;
  error: unknown;
  isEmpty?: boolean;
  emptyText?: string;
  children: ReactNode;
}

/** The loading / error / empty / content states every data view goes through. */
export function QueryState({ isPending, error, isEmpty, emptyText, children }: Props) {
  const { t } = useTranslation();
  if (isPending) {
    return (
      <Center py="xl" role="status" aria-live="polite">
        <Loader size="sm" aria-hidden />
        <Text ml="sm" size="sm">
          {t('common.loading')}
        </Text>
      </Center>
    );
  }
  if (error) return <ErrorAlert error={error} />;
  if (isEmpty) {
    return (
      <Text c="dimmed" ta="center" py="xl" role="status">
        {emptyText ?? t('common.empty')}
      </Text>
    );
  }
  return <>{children}</>;
}
