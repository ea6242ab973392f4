import { Badge, Button, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcAdminApi, type Offering } from '../../../api/tthc-admin.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { adminKeys, useAgencyNames } from './lookups.ts';
import { FeeSchedulesModal } from './FeeSchedulesModal.tsx';
import { OfferingFormModal } from './OfferingFormModal.tsx';

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
  const agencyName = (id: string) => agencies.get(id)?.name ?? id;
  const columns: Column<Offering>[] = [
    { key: 'agency', header: t('tthcAdmin.offering.agency'), cell: (o) => agencyName(o.agencyId) },
    { key: 'desk', header: t('tthcAdmin.offering.desk'), cell: (o) => (o.deskAgencyId === o.agencyId ? t('tthcAdmin.offering.sameDesk') : agencyName(o.deskAgencyId)), priority: 'secondary' },
    { key: 'process', header: t('tthcAdmin.offering.process'), cell: (o) => <Text size="sm" ff="monospace">{o.processKey}</Text>, priority: 'secondary' },
    { key: 'code', header: t('tthcAdmin.offering.codePattern'), cell: (o) => <Text size="sm" ff="monospace">{o.codePattern ?? t('tthcAdmin.offering.defaultPattern')}</Text>, priority: 'secondary' },
    {
      key: 'status', header: t('tthcAdmin.procedures.status'),
      cell: (o) => (
        <Group gap={4} miw={150}>
          <Badge variant="light" color={o.active ? 'sen' : 'gray'}>{o.active ? t('tthcAdmin.active') : t('tthcAdmin.inactive')}</Badge>
          {o.onlineEnabled && <Badge variant="outline">{t(`tthcAdmin.offering.portal.${o.onlineFilingPortal}`)}</Badge>}
          {o.fees && <Badge variant="outline" color="gray">{t('tthcAdmin.offering.ownFees')}</Badge>}
        </Group>
      ),
    },
    {
      key: 'actions', header: t('common.actions'),
      cell: (o) => (
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
      ),
    },
  ];

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
      <DataTable
        caption={t('tthcAdmin.offerings.title')}
        columns={columns}
        rows={query.data?.items}
        rowKey={(o) => o.id}
        isPending={query.isPending}
        error={query.error}
        emptyText={t('tthcAdmin.offerings.empty')}
        minWidth={760}
      />
      {editing && procedure.data && (
        <OfferingFormModal offering={editing === 'new' ? null : editing} procedure={procedure.data} presetAgencyId={agencyId ?? null} onClose={() => setEditing(null)} />
      )}
      {fees && <FeeSchedulesModal offeringId={fees.id} agencyName={agencyName(fees.agencyId)} onClose={() => setFees(null)} />}
    </>
  );
}
