import { Alert, Code, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/** Shows an error's message, and the request id (for support) when the server gave one. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message =
    error instanceof ApiError ? errorMessage(error, t) : error instanceof TypeError ? t('errors.network') : t('errors.unexpected');
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} role="alert">
      <Text size="sm">{message}</Text>
      {error instanceof ApiError && error.details.length > 0 && (
        <List size="sm" mt={4}>
          {error.details.map((d) => (
            <List.Item key={`${d.field}:${d.rule ?? ''}`}>
              <Code>{d.field.replace(/^(body|query|params)\//, '')}</Code> {d.message}
            </List.Item>
          ))}
        </List>
      )}
      {error instanceof ApiError && error.requestId && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('errors.requestId', { id: error.requestId })}
        </Text>
      )}
    </Alert>
  );
}

function errorMessage(error: ApiError, t: (key: string) => string): string {
  if (error.status === 403) return t('errors.forbidden');
  if (error.code === 'identity.version_conflict' || error.status === 409) return error.message || t('errors.conflict');
  return error.message;
}
