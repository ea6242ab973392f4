import { Anchor, Badge, Card, Group, List, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Procedure, ProcedurePart } from '../../../api/tthc.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { formatDate, formatVnd } from '../../../lib/format.ts';
import { processingTime } from './procedureText.ts';

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

/** The parts of a dossier; an e-form part offers its blank form (PDF) to print and fill by hand. */
function partColumns(t: TFunction): Column<ProcedurePart>[] {
  return [
    {
      key: 'name', header: t('tthc.parts.name'),
      cell: (part) => (
        <Text size="sm">
          {part.name}{' '}
          <Badge size="xs" variant="light" color={part.required ? 'red' : 'gray'} tt="none">
            {part.required ? t('tthc.parts.required') : t('tthc.parts.optional')}
          </Badge>
        </Text>
      ),
    },
    { key: 'originals', header: t('tthc.parts.originals'), cell: (part) => String(part.originals), priority: 'secondary', numeric: true },
    { key: 'copies', header: t('tthc.parts.copies'), cell: (part) => String(part.copies), priority: 'secondary', numeric: true },
    { key: 'kind', header: t('tthc.parts.kind'), cell: (part) => (part.formKey ? t('tthc.parts.eform') : t('tthc.parts.file')), priority: 'secondary' },
    {
      key: 'blank', header: t('tthc.parts.blankForm'),
      cell: (part) => part.formKey
        ? <Anchor href={`/api/tthc/forms/${encodeURIComponent(part.formKey)}/blank`} target="_blank" size="sm" aria-label={t('tthc.parts.downloadBlankFor', { name: part.name })} data-blank-form={part.formKey}>{t('tthc.parts.downloadBlank')}</Anchor>
        : <Text span size="sm" c="dimmed">—</Text>,
    },
  ];
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
      {procedure.steps && procedure.steps.length > 0 && (
        <Section title={t('tthc.procedure.steps')}>
          <List type="ordered" size="sm" spacing={6} data-testid="procedure-steps">
            {procedure.steps.map((step) => (
              <List.Item key={step}>{step.replace(/^Bước \d+:\s*/, '')}</List.Item>
            ))}
          </List>
        </Section>
      )}
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
        <DataTable caption={t('tthc.procedure.parts')} columns={partColumns(t)} rows={procedure.parts} rowKey={(part) => part.code} minWidth={640} />
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
