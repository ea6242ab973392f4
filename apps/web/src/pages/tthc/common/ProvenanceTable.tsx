import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DossierProvenance } from '../../../api/tthc.ts';
import { displayFormDate, type FieldSchema } from '../../../components/eform/schema.ts';
import { TableScroll } from '../../../components/TableScroll.tsx';
import { formatTimeDate } from '../../../lib/format.ts';

type Part = DossierProvenance['parts'][number];

/** A field's title by its JSON Pointer in the form (the pointer itself when the schema has no title). */
function titleOf(schema: FieldSchema | undefined, pointer: string): string {
  let node = schema;
  const titles: string[] = [];
  for (const key of pointer.split('/').slice(1)) {
    node = node?.properties?.[key];
    titles.push(node?.title ?? key);
  }
  return titles.join(' › ');
}

/** Which of a part's values came from which national database (the value as fetched), when, and whether the applicant changed it. */
export function ProvenanceTable({ part, schema }: { part: Part; schema: FieldSchema | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" fw={600} mt="md">
        {t('tthc.prefill.provenanceTitle')} · {t(`tthc.prefill.requestedBy.${part.requestedBy}`)}
      </Text>
      <TableScroll minWidth={560} label={t('tthc.prefill.provenanceTitle')}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tthc.prefill.field')}</Table.Th>
              <Table.Th scope="col">{t('tthc.prefill.value')}</Table.Th>
              <Table.Th scope="col">{t('tthc.prefill.sourceColumn')}</Table.Th>
              <Table.Th scope="col">{t('tthc.prefill.fetchedAt')}</Table.Th>
              <Table.Th scope="col">{t('tthc.prefill.messageId')}</Table.Th>
              <Table.Th scope="col">{t('tthc.prefill.filedValue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {part.fields.map((f) => (
              <Table.Tr key={f.pointer}>
                <Table.Td>{titleOf(schema, f.pointer)}</Table.Td>
                <Table.Td>{displayFormDate(String(f.value))}</Table.Td>
                <Table.Td>{t(`tthc.prefill.source.${f.source}`)}</Table.Td>
                <Table.Td>{formatTimeDate(f.fetchedAt)}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">{f.messageId}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={f.changed ? 'orange' : 'green'} variant="light">{f.changed ? t('tthc.prefill.changed') : t('tthc.prefill.unchanged')}</Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </>
  );
}
