import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Channel, DossierStatus } from '../../../api/tthc.ts';
import { formatDate, todayIso } from '../../../lib/format.ts';
import { transitionLabel } from './transition-label.ts';

// `awaiting_payment` is listed before the regenerated API types know it (the merge regenerates them).
const COLORS: Record<DossierStatus | 'awaiting_payment', string> = {
  submitted: 'blue',
  supplement_requested: 'orange',
  rejected: 'red',
  processing: 'sen',
  paused: 'yellow',
  awaiting_payment: 'grape',
  ready_to_return: 'teal',
  completed: 'green',
  withdrawn: 'gray',
  stopped: 'gray',
  cancelled: 'gray',
};

/** Status in the reader's language (the server's statusLabel is Vietnamese only). */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status as DossierStatus] ?? 'gray'} variant="light" tt="none" data-status={status}>
      {t(`tthc.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** `transitionLabel` bound to the reader's language. */
export function useTransitionLabel(): (code: string, processLabel: string, processLabelEn?: string) => string {
  const { i18n } = useTranslation();
  return (code, processLabel, processLabelEn) => transitionLabel(i18n, code, processLabel, processLabelEn);
}

export function ChannelLabel({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  return <>{t(`tthc.channel.${channel}`)}</>;
}

const FINISHED: readonly string[] = ['completed', 'rejected', 'withdrawn', 'stopped', 'cancelled'];

/** The promised date; red and marked "late" when it has passed on an open dossier. */
export function DueDate({ date, status }: { date: string | null; status: string }) {
  const { t } = useTranslation();
  if (!date) return <Text span size="sm" c="dimmed">—</Text>;
  const late = !FINISHED.includes(status) && date < todayIso();
  return (
    <Text span size="sm" c={late ? 'red.8' : undefined} fw={late ? 700 : undefined} data-overdue={late || undefined}>
      {formatDate(date)}
      {late && ` (${t('tthc.overdue')})`}
    </Text>
  );
}
