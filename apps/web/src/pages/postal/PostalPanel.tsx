import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { postalApi, type PostalOrder, type PostalTracking } from '../../api/postal.ts';
import type { Dossier } from '../../api/tthc.ts';
import { useAuth } from '../../auth/AuthProvider.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { formatDateTime, formatVnd } from '../../lib/format.ts';

/**
 * A dossier's postal service, for the applicant and for officials: how the papers came and how
 * the result goes back, each VNPost order with its tracking number and history; the desk places
 * the delivery order once the result is ready and the applicant chose the post.
 */
export function PostalPanel({ dossier, audience }: { dossier: Pick<Dossier, 'id' | 'status' | 'deskAgencyId'>; audience: 'applicant' | 'official' }) {
  const { t } = useTranslation();
  const tracking = useQuery({ queryKey: ['tthc', 'dossier', dossier.id, 'postal'], queryFn: () => postalApi.tracking(dossier.id), staleTime: 0 });
  const data = tracking.data;
  if (!data?.choice && !data?.orders.length) return tracking.error ? <ErrorAlert error={tracking.error} /> : null;
  const { choice } = data;
  return (
    <Card withBorder component="section" aria-labelledby="postal-title">
      <Title order={2} size="h4" id="postal-title" mb="sm">{t('postal.title')}</Title>
      <Stack gap="sm">
        {choice && (
          <Stack gap={4}>
            <Text size="sm">{t('postal.submit.label')}: <strong>{t(`postal.submit.${choice.submit}`)}</strong></Text>
            <Text size="sm">{t('postal.receive.label')}: <strong>{t(`postal.receive.${choice.receive}`)}</strong></Text>
            {choice.recipient && (
              <Text size="sm" data-testid="postal-address">
                {t('postal.address.to', {
                  name: choice.recipient.name, phone: choice.recipient.phone,
                  address: [choice.recipient.address.line, choice.recipient.address.commune, choice.recipient.address.province].join(', '),
                })}
              </Text>
            )}
          </Stack>
        )}
        {audience === 'official' && <DeliveryButton dossier={dossier} tracking={data} />}
        {data.orders.map((order) => <OrderTracking key={order.id} order={order} />)}
        <ErrorAlert error={tracking.error} />
      </Stack>
    </Card>
  );
}

function DeliveryButton({ dossier, tracking }: { dossier: Pick<Dossier, 'id' | 'status' | 'deskAgencyId'>; tracking: PostalTracking }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const place = useMutation({
    mutationFn: () => postalApi.placeOrder(dossier.id, 'delivery'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['tthc', 'dossier', dossier.id, 'postal'] }),
  });
  const due = dossier.status === 'ready_to_return' && tracking.choice?.receive === 'post' && !tracking.orders.some((o) => o.kind === 'delivery');
  if (!due || !auth.canAny(['dossier.receive'])) return null;
  return (
    <Stack gap="xs">
      <Group>
        <Button onClick={() => place.mutate()} loading={place.isPending}>{t('postal.placeDelivery')}</Button>
      </Group>
      <ErrorAlert error={place.error} />
    </Stack>
  );
}

function OrderTracking({ order }: { order: PostalOrder }) {
  const { t } = useTranslation();
  const label = t(`postal.kind.${order.kind}`);
  return (
    <Stack gap="xs" data-postal-order={order.kind}>
      <Group gap="xs">
        <Text size="sm" fw={600}>{label}: <span data-testid="tracking-number">{order.trackingNumber}</span></Text>
        <Badge color={order.status === 'delivered' ? 'green' : order.status === 'returned' || order.status === 'cancelled' ? 'gray' : 'blue'} variant="light" tt="none" data-testid="postal-status">
          {t(`postal.status.${order.status}`)}
        </Badge>
      </Group>
      <Text size="sm">
        {t('postal.fee', { service: order.serviceCode, fee: formatVnd(order.feeVnd) })}
        {order.codVnd > 0 ? ` ${t('postal.cod', { amount: formatVnd(order.codVnd) })}` : ''}
        {order.estimatedDeliveryAt ? ` ${t('postal.eta', { at: formatDateTime(order.estimatedDeliveryAt) })}` : ''}
      </Text>
      <TableScroll minWidth={520} label={t('postal.trackingOf', { kind: label, number: order.trackingNumber })}>
        <Table>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('postal.at')}</Table.Th><Table.Th>{t('postal.statusLabel')}</Table.Th><Table.Th>{t('postal.location')}</Table.Th><Table.Th>{t('postal.note')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.events.map((event, i) => (
              <Table.Tr key={`${event.at}-${i}`}>
                <Table.Td>{formatDateTime(event.at)}</Table.Td>
                <Table.Td>{t(`postal.status.${event.status}`)}</Table.Td>
                <Table.Td>{event.location}</Table.Td>
                <Table.Td>{event.receivedBy ? `${event.note} (${event.receivedBy})` : event.note}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
