import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Handover } from '../../../api/tthc.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { TableScroll } from '../../../components/TableScroll.tsx';

/** The process control sheet: every hand-over with its deadline and whether it was kept. */
export function ControlSheet({ items }: { items: Handover[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text size="sm" c="dimmed">{t('common.empty')}</Text>;
  return (
    <TableScroll minWidth={760} label={t('tthc.workspace.controlSheet')}>
      <Table striped aria-label={t('tthc.workspace.controlSheet')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('tthc.workspace.step')}</Table.Th>
            <Table.Th scope="col">{t('tthc.workspace.givenBy')}</Table.Th>
            <Table.Th scope="col">{t('tthc.workspace.holder')}</Table.Th>
            <Table.Th scope="col">{t('tthc.workspace.since')}</Table.Th>
            <Table.Th scope="col">{t('tthc.workspace.dueAt')}</Table.Th>
            <Table.Th scope="col">{t('tthc.workspace.endedAt')}</Table.Th>
            <Table.Th scope="col">{t('tthc.workspace.onTime')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((h, index) => (
            <Table.Tr key={`${h.stepId}-${index}`}>
              <Table.Td><Text size="sm">{h.stepName}</Text></Table.Td>
              <Table.Td><Text size="sm">{h.givenByName ?? '—'}</Text></Table.Td>
              <Table.Td><Text size="sm">{h.holderName ?? h.endedByName ?? t('tthc.workspace.unassigned')}</Text></Table.Td>
              <Table.Td><Text size="sm">{formatDateTime(h.startedAt)}</Text></Table.Td>
              <Table.Td><Text size="sm">{h.dueAt ? formatDateTime(h.dueAt) : '—'}</Text></Table.Td>
              <Table.Td><Text size="sm">{h.endedAt ? formatDateTime(h.endedAt) : '—'}</Text></Table.Td>
              <Table.Td>
                {h.onTime === null ? (
                  <Text size="sm" c="dimmed">—</Text>
                ) : (
                  <Badge color={h.onTime ? 'green' : 'red'} variant="light" tt="none">{h.onTime ? t('tthc.workspace.yesOnTime') : t('tthc.workspace.late')}</Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
