import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { catalogApi } from '../../../api/catalog.ts';
import type { Dossier, Handover } from '../../../api/tthc.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { DueDate } from '../common/status.tsx';
import { TableScroll } from '../../../components/TableScroll.tsx';

/** Who holds the dossier now: each active step, its agency, its holder and its due date. */
export function ActiveSteps({ dossier, handovers }: { dossier: Dossier; handovers: Handover[] }) {
  const { t } = useTranslation();
  const agencies = useQuery({ queryKey: ['catalog', 'agencies'], queryFn: catalogApi.agencies, staleTime: 5 * 60_000 });
  if (dossier.activeSteps.length === 0) return null;
  // Step names come from the control sheet: `allowed` names only the steps this official may act on.
  const open = (stepId: string) => handovers.find((h) => h.stepId === stepId && !h.endedAt);
  const agencyName = (id: string) => agencies.data?.items.find((a) => a.id === id)?.name ?? id;
  return (
    <TableScroll minWidth={640} label={t('tthc.workspace.activeSteps')}>
      <Table aria-label={t('tthc.workspace.activeSteps')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('tthc.workspace.step')}</Table.Th>
            <Table.Th scope="col">{t('tthc.workspace.agency')}</Table.Th>
            <Table.Th scope="col">{t('tthc.workspace.holder')}</Table.Th>
            <Table.Th scope="col">{t('tthc.workspace.since')}</Table.Th>
            <Table.Th scope="col">{t('tthc.detail.dueDate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {dossier.activeSteps.map((step) => {
            const handover = open(step.stepId);
            return (
              <Table.Tr key={step.stepId} data-step={step.stepId}>
                <Table.Td><Text size="sm">{handover?.stepName ?? dossier.allowed.steps.find((s) => s.stepId === step.stepId)?.stepName ?? step.stepId}</Text></Table.Td>
                <Table.Td><Text size="sm">{agencyName(step.agencyId)}</Text></Table.Td>
                <Table.Td><Text size="sm">{step.assigneeName ?? handover?.holderName ?? t('tthc.workspace.unassigned')}</Text></Table.Td>
                <Table.Td><Text size="sm">{formatDateTime(step.since)}</Text></Table.Td>
                <Table.Td><DueDate date={step.dueDate} status={dossier.status} /></Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
