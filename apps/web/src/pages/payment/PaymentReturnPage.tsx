import { Alert, Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { RETURN_PARAMS, paymentApi } from '../../api/payment.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatVnd } from '../../lib/format.ts';

/**
 * /payments/return — where the payment platform sends the browser back. What the address says
 * is only a claim: the server checks its signature and asks the platform, and this page shows
 * the server's answer.
 */
export function PaymentReturnPage() {
  const { t } = useTranslation();
  const search = new URLSearchParams(location.search);
  const params = Object.fromEntries(RETURN_PARAMS.map((name) => [name, search.get(name) ?? '']));
  const result = useQuery({ queryKey: ['payment', 'return', params.orderId, params.transactionNo], queryFn: () => paymentApi.confirmReturn(params), retry: false, staleTime: Infinity });
  const dossierId = result.data?.request.owner.startsWith('tthc:dossier:') ? result.data.request.owner.split(':')[2] : undefined;
  const paid = result.data && result.data.request.status === 'paid';
  return (
    <>
      <PageHeader title={t('payment.return.title')} />
      <Stack gap="md" maw={640}>
        {result.isPending && <Group><Loader size="sm" /><Text>{t('payment.return.checking')}</Text></Group>}
        {result.data && (
          <Alert color={paid ? 'green' : 'orange'} variant="light" role="status" title={paid ? t('payment.return.paid') : t('payment.return.notPaid')}>
            <Text size="sm">{paid ? t('payment.return.paidText', { amount: formatVnd(result.data.request.amount), receipt: result.data.request.receiptNo ?? '' }) : t('payment.return.notPaidText')}</Text>
          </Alert>
        )}
        <ErrorAlert error={result.error} title={t('payment.return.refused')} />
        {dossierId ? <Anchor component={Link} to={`/my-dossiers/${dossierId}`}>{t('payment.return.backToDossier')}</Anchor> : <Anchor component={Link} to="/my-dossiers">{t('tthc.mine.back')}</Anchor>}
      </Stack>
    </>
  );
}

