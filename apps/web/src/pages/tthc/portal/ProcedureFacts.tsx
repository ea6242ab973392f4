import { Badge, Card, Group, List, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Procedure } from '../../../api/tthc.ts';
import { formatDate, formatVnd } from '../../../lib/format.ts';
import { processingTime } from './procedureText.ts';
import { TableScroll } from '../../../components/TableScroll.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline" mb={6}>
      <Text component="dt" fw={600} size="sm" miw={200}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </Group>
  );
}

/** Everything the national procedure database publishes about a procedure, as citizens read it. */
export function ProcedureFacts({ procedure, fieldName }: { procedure: Procedure; fieldName: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Section title={t('tthc.procedure.general')}>
        <dl style={{ margin: 0 }}>
          {/* Empty when the code is not confirmed yet: no stand-in is shown. */}
          {procedure.nationalCode && <Fact label={t('tthc.procedure.code')}>{procedure.nationalCode}</Fact>}
          <Fact label={t('tthc.procedure.field')}>{fieldName}</Fact>
          <Fact label={t('tthc.procedure.level')}>{t(`tthc.level.${procedure.level}`)}</Fact>
          <Fact label={t('tthc.procedure.agencies')}>{procedure.implementingAgencies.join('; ') || '—'}</Fact>
          <Fact label={t('tthc.procedure.applicants')}>{procedure.applicantTypes.map((a) => t(`tthc.applicantType.${a}`)).join(', ')}</Fact>
          <Fact label={t('tthc.procedure.methods')}>{procedure.methods.map((m) => t(`tthc.method.${m}`)).join(', ')}</Fact>
          <Fact label={t('tthc.procedure.processing')}>
            {processingTime(procedure.processingDays, t)}
            {procedure.processingNote && <Text span size="sm" c="dimmed" display="block">{procedure.processingNote}</Text>}
          </Fact>
          <Fact label={t('tthc.procedure.result')}>{procedure.resultType}</Fact>
        </dl>
      </Section>
      <Section title={t('tthc.procedure.fees')}>
        {procedure.fees.length === 0 ? (
          <Text size="sm">{t('tthc.procedure.noFees')}</Text>
        ) : (
          <List size="sm" spacing={4}>
            {procedure.fees.map((fee) => (
              <List.Item key={fee.name}>
                {fee.name} ({t(`tthc.feeKind.${fee.kind}`)}): <Text span fw={700}>{formatVnd(fee.amountVnd)}</Text>
                {fee.note && <Text size="xs" c="dimmed">{fee.note}</Text>}
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section title={t('tthc.procedure.parts')}>
        <TableScroll minWidth={560} label={t('tthc.procedure.parts')}>
          <Table striped aria-label={t('tthc.procedure.parts')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tthc.parts.name')}</Table.Th>
                <Table.Th scope="col">{t('tthc.parts.originals')}</Table.Th>
                <Table.Th scope="col">{t('tthc.parts.copies')}</Table.Th>
                <Table.Th scope="col">{t('tthc.parts.kind')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {procedure.parts.map((part) => (
                <Table.Tr key={part.code}>
                  <Table.Td>
                    {part.name}{' '}
                    <Badge size="xs" variant="light" color={part.required ? 'red' : 'gray'} tt="none">
                      {part.required ? t('tthc.parts.required') : t('tthc.parts.optional')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{part.originals}</Table.Td>
                  <Table.Td>{part.copies}</Table.Td>
                  <Table.Td>{part.formKey ? t('tthc.parts.eform') : t('tthc.parts.file')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </Section>
      {procedure.conditions && (
        <Section title={t('tthc.procedure.conditions')}>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{procedure.conditions}</Text>
        </Section>
      )}
      <Section title={t('tthc.procedure.legalBases')}>
        <List size="sm" spacing={4}>
          {procedure.legalBases.map((law) => (
            <List.Item key={law.number}>
              {law.title} ({law.number}
              {law.issuedOn ? `, ${t('tthc.procedure.issuedOn', { date: formatDate(law.issuedOn) })}` : ''})
            </List.Item>
          ))}
        </List>
      </Section>
    </>
  );
}
