import { List, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { paymentApi } from '../../api/payment.ts';
import { formatVnd } from '../../lib/format.ts';

/** On the procedure page: what the chosen agency charges, when it is paid, and on what basis. */
export function OfferingFees({ offeringId }: { offeringId: string }) {
  const { t } = useTranslation();
  const fees = useQuery({ queryKey: ['tthc', 'offering', offeringId, 'fees'], queryFn: () => paymentApi.offeringFees(offeringId), enabled: offeringId !== '' });
  const schedule = fees.data?.schedule;
  if (!schedule) return null;
  return (
    <div aria-labelledby="offering-fees-title" role="group">
      <Text size="sm" fw={600} mt="md" id="offering-fees-title">{t('payment.title')}</Text>
      <List size="sm">
        {schedule.lines.filter((line) => line.amount > 0).map((line) => (
          <List.Item key={`${line.code}-${line.amount}`}>
            {t(`payment.kind.${line.kind}`)}: {line.name} — <Text span fw={700}>{formatVnd(line.amount)}</Text>
          </List.Item>
        ))}
      </List>
      <Text size="sm">{t(`payment.stage.${schedule.stage}`)}{schedule.stopsClock && schedule.stage !== 'intake' ? ` ${t('payment.clockStops')}` : ''}</Text>
      <Text size="xs" c="dimmed">{t('payment.source', { source: schedule.sourceDocument })}{schedule.verified ? '' : ` ${t('payment.unverified')}`}</Text>
    </div>
  );
}
