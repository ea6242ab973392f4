import { Alert, Card, Code, CopyButton, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Filed } from '../../../api/tthc.ts';
import { formatDate } from '../../../lib/format.ts';
import { DossierDocuments } from './DossierFiles.tsx';
import { SearchLink } from './SearchLink.tsx';

/**
 * The dossier code and its look-up secret, shown once after filing (the server keeps only a
 * hash). Once the desk has accepted it, the receipt can be printed.
 */
export function FiledNotice({ filed, actions }: { filed: Filed; actions?: ReactNode }) {
  const { t } = useTranslation();
  const { dossier, lookupSecret } = filed;
  const received = !!dossier.receivedAt;
  return (
    <Card withBorder padding="lg" role="status" aria-live="polite">
      <Stack gap="md">
        <Title order={2} size="h3">
          {received ? t('tthc.filed.receivedTitle') : t('tthc.filed.submittedTitle')}
        </Title>
        <Group gap="xl" wrap="wrap">
          <Stack gap={2}>
            <Text size="sm" c="dimmed">{t('tthc.filed.code')}</Text>
            <Text size="xl" fw={700} ff="monospace" data-testid="dossier-code">
              {dossier.code}
            </Text>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">{t('tthc.filed.secret')}</Text>
            <Group gap="xs">
              <Code fz="xl" fw={700} data-testid="lookup-secret">
                {lookupSecret}
              </Code>
              <CopyButton value={`${dossier.code} ${lookupSecret}`}>
                {({ copied, copy }) => (
                  <Button size="compact-sm" variant="subtle" onClick={copy}>
                    {copied ? t('tthc.filed.copied') : t('tthc.filed.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
          {dossier.dueDate && (
            <Stack gap={2}>
              <Text size="sm" c="dimmed">{t('tthc.detail.dueDate')}</Text>
              <Text size="lg" fw={600}>{formatDate(dossier.dueDate)}</Text>
            </Stack>
          )}
        </Group>
        <Alert variant="light" color="yellow">
          <Text size="sm">{t('tthc.filed.keepSecret')}</Text>
        </Alert>
        {received ? (
          <DossierDocuments dossierId={dossier.id} kinds={['receipt']} />
        ) : (
          <Text size="sm">{t('tthc.filed.receiptLater')}</Text>
        )}
        <Group>
          <SearchLink to="/tra-cuu" search={{ ma: dossier.code }}>
            {t('tthc.filed.lookupLink')}
          </SearchLink>
          {actions}
        </Group>
      </Stack>
    </Card>
  );
}
