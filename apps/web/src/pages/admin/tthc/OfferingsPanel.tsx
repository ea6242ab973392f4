import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcAdminApi, type Offering } from '../../../api/tthc-admin.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { adminKeys, useAgencyNames } from './lookups.ts';
import { FeeSchedulesModal } from './FeeSchedulesModal.tsx';
import { OfferingFormModal } from './OfferingFormModal.tsx';
import { TableScroll } from '../../../components/TableScroll.tsx';

/** Where one procedure is offered (by which agency, desk and process), with create and edit. */
export function OfferingsPanel({ procedureId, agencyId }: { procedureId: string; agencyId?: string | null }) {
  const { t } = useTranslation();
  const agencies = useAgencyNames();
  const [editing, setEditing] = useState<Offering | 'new' | null>(null);
  const [fees, setFees] = useState<Offering | null>(null);
  const query = useQuery({
    queryKey: [...adminKeys.offerings, procedureId, agencyId ?? null],
    queryFn: () => tthcAdminApi.offerings({ procedureId, agencyId: agencyId ?? undefined }),
  });
  const procedure = useQuery({ queryKey: [...adminKeys.procedures, 'one', procedureId], queryFn: () => tthcAdminApi.procedure(procedureId) });
  const items = query.data?.items ?? [];
  const agencyName = (id: string) => agencies.get(id)?.name ?? id;

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          {t('tthcAdmin.offerings.intro')}
        </Text>
        <Button size="sm" onClick={() => setEditing('new')} disabled={!procedure.data}>
          {t('tthcAdmin.offerings.create')}
        </Button>
      </Group>
      <QueryState isPending={query.isPending} error={query.error} isEmpty={items.length === 0} emptyText={t('tthcAdmin.offerings.empty')}>
        <TableScroll minWidth={760} label={t('tthcAdmin.offerings.title')}>
          <Table striped aria-label={t('tthcAdmin.offerings.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tthcAdmin.offering.agency')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.offering.desk')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.offering.process')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.offering.codePattern')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.procedures.status')}</Table.Th>
                <Table.Th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>{agencyName(o.agencyId)}</Table.Td>
                  <Table.Td>{o.deskAgencyId === o.agencyId ? t('tthcAdmin.offering.sameDesk') : agencyName(o.deskAgencyId)}</Table.Td>
                  <Table.Td ff="monospace">{o.processKey}</Table.Td>
                  <Table.Td ff="monospace">{o.codePattern ?? t('tthcAdmin.offering.defaultPattern')}</Table.Td>
                  <Table.Td miw={150}>
                    <Group gap={4}>
                      <Badge variant="light" color={o.active ? 'sen' : 'gray'}>
                        {o.active ? t('tthcAdmin.active') : t('tthcAdmin.inactive')}
                      </Badge>
                      {o.onlineEnabled && <Badge variant="outline">{t(`tthcAdmin.offering.portal.${o.onlineFilingPortal}`)}</Badge>}
                      {o.fees && <Badge variant="outline" color="gray">{t('tthcAdmin.offering.ownFees')}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => setEditing(o)}>
                        {t('common.edit')}
                        <span className="sr-only"> {agencyName(o.agencyId)}</span>
                      </Button>
                      <Button size="compact-sm" variant="subtle" onClick={() => setFees(o)}>
                        {t('tthcAdmin.feeSchedules.button')}
                        <span className="sr-only"> {agencyName(o.agencyId)}</span>
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </QueryState>
      {editing && procedure.data && (
        <OfferingFormModal offering={editing === 'new' ? null : editing} procedure={procedure.data} presetAgencyId={agencyId ?? null} onClose={() => setEditing(null)} />
      )}
      {fees && <FeeSchedulesModal offeringId={fees.id} agencyName={agencyName(fees.agencyId)} onClose={() => setFees(null)} />}
    </>
  );
}
