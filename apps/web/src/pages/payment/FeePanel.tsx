import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { paymentApi, type DossierPaymentRequest, type PaymentLine } from '../../api/payment.ts';
import { useAuth } from '../../auth/AuthProvider.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { formatDateTime, formatVnd } from '../../lib/format.ts';
import { openInNewTab } from '../tthc/common/download.ts';

/**
 * A dossier's fee: the lines owed (from the offering's dated fee schedule), each payment
 * request with its status, and what the viewer may do: the applicant pays online or opens the
 * fee notice with its VietQR code; an official collecting fees records a counter payment.
 */
export function FeePanel({ dossierId, audience }: { dossierId: string; audience: 'applicant' | 'official' }) {
  const { t } = useTranslation();
  const fees = useQuery({ queryKey: ['tthc', 'dossier', dossierId, 'fees'], queryFn: () => paymentApi.dossierFees(dossierId), staleTime: 0 });
  const schedule = fees.data?.schedule;
  const requests = fees.data?.requests ?? [];
  if (!schedule && requests.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="fees-title">
      <Title order={2} size="h4" id="fees-title" mb="sm">{t('payment.title')}</Title>
      <Stack gap="sm">
        {schedule && (
          <>
            <Text size="sm">{t(`payment.stage.${schedule.stage}`)}{schedule.stopsClock && schedule.stage !== 'intake' ? ` ${t('payment.clockStops')}` : ''}</Text>
            {/* Once asked for, the request's own lines are shown (they may add postage); before, what the schedule says is owed. */}
            {requests.length === 0 && <FeeLines lines={schedule.lines} label={t('payment.linesLabel')} />}
            <Text size="xs" c="dimmed">{t('payment.source', { source: schedule.sourceDocument })}{schedule.verified ? '' : ` ${t('payment.unverified')}`}</Text>
          </>
        )}
        {requests.map((request) => <RequestRow key={request.id} request={request} dossierId={dossierId} audience={audience} />)}
        <ErrorAlert error={fees.error} />
      </Stack>
    </Card>
  );
}

function FeeLines({ lines, label }: { lines: PaymentLine[]; label: string }) {
  const { t } = useTranslation();
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  return (
    <TableScroll minWidth={420} label={label}>
      <Table>
        <Table.Thead>
          <Table.Tr><Table.Th>{t('payment.line')}</Table.Th><Table.Th>{t('payment.code')}</Table.Th><Table.Th ta="right">{t('payment.amount')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr key={line.code}><Table.Td>{t(`payment.kind.${line.kind}`)}: {line.name}</Table.Td><Table.Td>{line.code}</Table.Td><Table.Td ta="right">{formatVnd(line.amount)}</Table.Td></Table.Tr>
          ))}
          <Table.Tr><Table.Td colSpan={2} fw={600}>{t('payment.total')}</Table.Td><Table.Td ta="right" fw={600}>{formatVnd(total)}</Table.Td></Table.Tr>
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function RequestRow({ request, dossierId, audience }: { request: DossierPaymentRequest; dossierId: string; audience: 'applicant' | 'official' }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const online = useMutation({
    mutationFn: () => paymentApi.startOnline(request.id),
    // The platform's payment page; it sends the browser back to /payments/return.
    onSuccess: ({ paymentUrl }) => location.assign(paymentUrl),
  });
  const pending = request.status === 'pending';
  return (
    <Stack gap="xs" data-payment-request={request.id}>
      <Group gap="xs">
        <Text size="sm" fw={600}>{t('payment.requested', { amount: formatVnd(request.amount) })}</Text>
        <Badge color={request.status === 'paid' ? 'green' : pending ? 'orange' : 'gray'} variant="light" tt="none">{t(`payment.status.${request.status}`)}</Badge>
      </Group>
      <FeeLines lines={request.lines} label={t('payment.requestLinesLabel', { amount: formatVnd(request.amount) })} />
      {request.status === 'paid' && (
        <Text size="sm">{t('payment.paidBy', { method: t(`payment.method.${request.method ?? 'online'}`), at: formatDateTime(request.paidAt), receipt: request.receiptNo ?? '—' })}</Text>
      )}
      <Group gap="xs">
        {pending && audience === 'applicant' && (
          <Button onClick={() => online.mutate()} loading={online.isPending} data-action="pay-online">{t('payment.payOnline')}</Button>
        )}
        {pending && <Button variant="light" onClick={() => void openInNewTab(() => paymentApi.notice(request.id))}>{t('payment.notice')}</Button>}
        {request.status === 'paid' && <Button variant="light" onClick={() => void openInNewTab(() => paymentApi.receipt(request.id))}>{t('payment.receipt')}</Button>}
      </Group>
      <ErrorAlert error={online.error} />
      {pending && audience === 'official' && auth.canAny(['payment.collect']) && (
        <CounterPaymentForm request={request} onDone={() => void queryClient.invalidateQueries({ queryKey: ['tthc', 'dossier', dossierId] })} />
      )}
    </Stack>
  );
}

function CounterPaymentForm({ request, onDone }: { request: DossierPaymentRequest; onDone: () => void }) {
  const { t } = useTranslation();
  const [receiptNo, setReceiptNo] = useState('');
  const record = useMutation({ mutationFn: () => paymentApi.recordCounter(request.id, receiptNo.trim()), onSuccess: onDone });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (receiptNo.trim()) record.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={t('payment.counter.title')}>
      <Group align="flex-end" gap="xs">
        <TextInput label={t('payment.counter.receiptNo')} description={t('payment.counter.hint')} required value={receiptNo}
          onChange={(event) => setReceiptNo(event.currentTarget.value)} maxLength={64} error={record.error ? t('payment.counter.failed') : undefined} />
        <Button type="submit" loading={record.isPending}>{t('payment.counter.submit')}</Button>
      </Group>
      {record.isSuccess && <Alert color="green" variant="light" mt="xs" role="status">{t('payment.counter.done')}</Alert>}
      <ErrorAlert error={record.error} />
    </form>
  );
}
