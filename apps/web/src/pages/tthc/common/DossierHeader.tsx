import { Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../api/tthc.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { ChannelLabel, DueDate, StatusBadge } from './status.tsx';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" component="div">{children}</Text>
    </Stack>
  );
}

/** Status, channel and the dates that matter (the promised date in red once late). */
export function DossierHeader({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Group gap="sm" mb="sm">
        <Text fw={700} ff="monospace" size="lg" data-testid="dossier-code">{dossier.code}</Text>
        <StatusBadge status={dossier.status} />
      </Group>
      <Text size="sm" mb="sm">
        {dossier.procedureName} ({dossier.procedureCode})
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Item label={t('tthc.detail.channel')}><ChannelLabel channel={dossier.channel} /></Item>
        <Item label={t('tthc.detail.submittedAt')}>{formatDateTime(dossier.submittedAt)}</Item>
        <Item label={t('tthc.detail.receivedAt')}>{dossier.receivedAt ? formatDateTime(dossier.receivedAt) : '—'}</Item>
        <Item label={t('tthc.detail.dueDate')}>
          <DueDate date={dossier.dueDate} status={dossier.status} />
          {dossier.apologised && dossier.originalDueDate && (
            <Text size="xs" c="dimmed">{t('tthc.detail.originalDueDate', { date: formatDate(dossier.originalDueDate) })}</Text>
          )}
        </Item>
        {dossier.externalCode && <Item label={t('tthc.detail.externalCode')}>{dossier.externalCode}</Item>}
        {dossier.clockStoppedAt && <Item label={t('tthc.detail.clockStopped')}>{formatDateTime(dossier.clockStoppedAt)}</Item>}
        {dossier.result && <Item label={t('tthc.detail.result')}>{t(`tthc.result.${dossier.result}`)}</Item>}
        {dossier.finishedAt && <Item label={t('tthc.detail.finishedAt')}>{formatDateTime(dossier.finishedAt)}</Item>}
      </SimpleGrid>
    </Card>
  );
}
