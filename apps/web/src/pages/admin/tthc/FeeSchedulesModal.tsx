import { Badge, Button, Divider, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { issuesOf, tthcAdminApi, type FeeSchedule, type FeeScheduleInput } from '../../../api/tthc-admin.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { DateField } from '../../../components/DateField.tsx';
import { FormActions } from '../../../components/FormActions.tsx';
import { formatDate, formatVnd, parseDate } from '../../../lib/format.ts';
import { AdminErrorAlert } from './AdminErrorAlert.tsx';
import type { Errors } from './drafts.ts';
import { ListEditor } from './ListEditor.tsx';
import { monoInput, vndInput } from './styles.ts';

type Line = FeeSchedule['lines'][number];
type RuleValue = NonNullable<Line['when']>['in'][number];
interface LineDraft {
  code: string;
  name: string;
  amount: number | string;
  kind: Line['kind'];
  ruleField: string;
  ruleValues: string[];
  /** The rule's values as stored: a value typed back unchanged keeps its type (number, boolean). */
  stored: RuleValue[];
}
interface ScheduleDraft {
  validFrom: string;
  stage: FeeSchedule['stage'];
  stopsClock: boolean;
  verified: boolean;
  sourceDocument: string;
  lines: LineDraft[];
}

const STAGES: readonly FeeSchedule['stage'][] = ['intake', 'processing', 'return'];
const blankLine = (): LineDraft => ({ code: '', name: '', amount: '', kind: 'charge', ruleField: '', ruleValues: [], stored: [] });

function toDraft(schedule: FeeSchedule | null): ScheduleDraft {
  return {
    validFrom: schedule ? formatDate(schedule.validFrom) : '',
    stage: schedule?.stage ?? 'intake',
    stopsClock: schedule?.stopsClock ?? true,
    verified: schedule?.verified ?? false,
    sourceDocument: schedule?.sourceDocument ?? '',
    lines: schedule
      ? schedule.lines.map((l) => ({ code: l.code, name: l.name, amount: l.amount, kind: l.kind, ruleField: l.when?.field ?? '', ruleValues: (l.when?.in ?? []).map(String), stored: l.when?.in ?? [] }))
      : [blankLine()],
  };
}

function toInput(d: ScheduleDraft): FeeScheduleInput {
  return {
    stage: d.stage, stopsClock: d.stopsClock, verified: d.verified, sourceDocument: d.sourceDocument.trim(),
    lines: d.lines.map((l) => {
      const line: Line = { code: l.code.trim(), name: l.name.trim(), amount: Number(l.amount), kind: l.kind };
      if (l.ruleField.trim()) line.when = { field: l.ruleField.trim(), in: l.ruleValues.map((v) => l.stored.find((s) => String(s) === v) ?? v) };
      return line;
    }),
  };
}

function checkDraft(d: ScheduleDraft, t: (key: string) => string): Errors {
  const errors: Errors = {};
  if (!parseDate(d.validFrom)) errors.validFrom = t('form.invalidDate');
  if (!d.sourceDocument.trim()) errors.sourceDocument = t('form.required');
  d.lines.forEach((l, i) => {
    if (!l.code.trim()) errors[`lines[${i}].code`] = t('form.required');
    if (!l.name.trim()) errors[`lines[${i}].name`] = t('form.required');
    if (l.amount === '') errors[`lines[${i}].amount`] = t('form.required');
    if (l.ruleField.trim() && l.ruleValues.length === 0) errors[`lines[${i}].when.in`] = t('tthcAdmin.feeSchedules.ruleValuesRequired');
  });
  return errors;
}

/**
 * The fee schedules of one offering as dated data: each from a date, with the document that
 * sets the amounts and whether they were checked against it. A new date ends the schedule
 * before it; the same date corrects that schedule.
 */
export function FeeSchedulesModal({ offeringId, agencyName, onClose }: { offeringId: string; agencyName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<FeeSchedule | 'new' | null>(null);
  const key = ['tthc-admin', 'fee-schedules', offeringId];
  const list = useQuery({ queryKey: key, queryFn: () => tthcAdminApi.feeSchedules(offeringId) });
  const columns: Column<FeeSchedule>[] = [
    { key: 'from', header: t('tthcAdmin.feeSchedules.validFrom'), cell: (s) => formatDate(s.validFrom) },
    { key: 'to', header: t('tthcAdmin.feeSchedules.validTo'), cell: (s) => (s.validTo ? formatDate(s.validTo) : t('tthcAdmin.feeSchedules.noEnd')), priority: 'secondary' },
    { key: 'lines', header: t('tthcAdmin.feeSchedules.lines'), cell: (s) => s.lines.map((l) => `${l.code}: ${formatVnd(l.amount)}${l.when ? ` (${l.when.field})` : ''}`).join('; ') },
    { key: 'stage', header: t('tthcAdmin.feeSchedules.stage'), cell: (s) => t(`tthcAdmin.feeSchedules.stages.${s.stage}`), priority: 'secondary' },
    {
      key: 'source', header: t('tthcAdmin.feeSchedules.source'), priority: 'secondary',
      cell: (s) => (
        <>
          <Text size="sm">{s.sourceDocument}</Text>
          <Badge size="xs" variant="light" color={s.verified ? 'sen' : 'orange'}>{s.verified ? t('tthcAdmin.feeSchedules.verified') : t('tthcAdmin.feeSchedules.unverified')}</Badge>
        </>
      ),
    },
    {
      key: 'edit', header: t('common.actions'),
      cell: (s) => (
        <Button size="compact-sm" variant="light" onClick={() => setEditing(s)}>
          {t('common.edit')}<span className="sr-only"> {formatDate(s.validFrom)}</span>
        </Button>
      ),
    },
  ];
  const title = t('tthcAdmin.feeSchedules.title', { agency: agencyName });
  return (
    // Compound form: the dialog is named (aria-label) from its first frame, before Mantine links its title.
    <Modal.Root opened onClose={onClose} size="xl">
      <Modal.Overlay />
      <Modal.Content aria-label={title}>
        <Modal.Header>
          <Modal.Title>{title}</Modal.Title>
          <Modal.CloseButton aria-label={t('common.close')} />
        </Modal.Header>
        <Modal.Body>
          <Stack>
            <Text size="sm" c="dimmed">{t('tthcAdmin.feeSchedules.intro')}</Text>
            <DataTable caption={title} columns={columns} rows={list.data?.items} rowKey={(s) => s.id} rowData={(s) => ({ 'data-valid-from': s.validFrom })}
              isPending={list.isPending} error={list.error} emptyText={t('tthcAdmin.feeSchedules.empty')} minWidth={720} />
            {editing === null ? (
              <Group><Button onClick={() => setEditing('new')}>{t('tthcAdmin.feeSchedules.add')}</Button></Group>
            ) : (
              <ScheduleForm key={editing === 'new' ? 'new' : editing.id} offeringId={offeringId} schedule={editing === 'new' ? null : editing} queryKey={key} onDone={() => setEditing(null)} />
            )}
          </Stack>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}

function ScheduleForm({ offeringId, schedule, queryKey, onDone }: { offeringId: string; schedule: FeeSchedule | null; queryKey: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ScheduleDraft>(() => toDraft(schedule));
  const [localErrors, setLocalErrors] = useState<Errors>({});
  const set = <K extends keyof ScheduleDraft>(k: K) => (value: ScheduleDraft[K]) => setDraft((d) => ({ ...d, [k]: value }));
  const save = useMutation({
    mutationFn: () => tthcAdminApi.putFeeSchedule(offeringId, parseDate(draft.validFrom) ?? '', toInput(draft)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey });
      await queryClient.invalidateQueries({ queryKey: ['tthc', 'offering', offeringId, 'fees'] });
      onDone();
    },
  });
  const errors: Errors = { ...Object.fromEntries(issuesOf(save.error).map((i) => [i.path, i.message])), ...localErrors };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkDraft(draft, t);
    setLocalErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  };
  const heading = schedule ? t('tthcAdmin.feeSchedules.editTitle', { date: formatDate(schedule.validFrom) }) : t('tthcAdmin.feeSchedules.add');
  return (
    <form onSubmit={onSubmit} noValidate aria-label={heading}>
      <Stack>
        <Divider />
        <Title order={3} size="h5">{heading}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('tthcAdmin.feeSchedules.validFrom')} description={t('tthcAdmin.feeSchedules.validFromHint')} value={draft.validFrom} onChange={(e) => set('validFrom')(e.currentTarget.value)}
            required readOnly={schedule !== null} error={errors.validFrom} />
          <Select label={t('tthcAdmin.feeSchedules.stage')} data={STAGES.map((s) => ({ value: s, label: t(`tthcAdmin.feeSchedules.stages.${s}`) }))} value={draft.stage}
            onChange={(v) => v && set('stage')(v as ScheduleDraft['stage'])} allowDeselect={false} />
        </SimpleGrid>
        <Textarea label={t('tthcAdmin.feeSchedules.source')} description={t('tthcAdmin.feeSchedules.sourceHint')} value={draft.sourceDocument} onChange={(e) => set('sourceDocument')(e.currentTarget.value)}
          required maxLength={500} autosize minRows={1} error={errors.sourceDocument} />
        <Group>
          <Switch label={t('tthcAdmin.feeSchedules.stopsClock')} checked={draft.stopsClock} onChange={(e) => set('stopsClock')(e.currentTarget.checked)} />
          <Switch label={t('tthcAdmin.feeSchedules.verifiedSwitch')} checked={draft.verified} onChange={(e) => set('verified')(e.currentTarget.checked)} />
        </Group>
        <ListEditor legend={t('tthcAdmin.feeSchedules.lines')} description={t('tthcAdmin.feeSchedules.linesHint')} items={draft.lines} onChange={set('lines')} create={blankLine}
          addLabel={t('tthcAdmin.fee.add')} itemLabel={(i) => t('tthcAdmin.fee.item', { n: i + 1 })} max={30} error={errors.lines}>
          {(line, update, i) => (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <TextInput label={t('tthcAdmin.feeSchedules.code')} value={line.code} onChange={(e) => update({ code: e.currentTarget.value })} required maxLength={40} styles={monoInput} error={errors[`lines[${i}].code`] ?? errors[`lines[${i}]`]} />
              <Select label={t('tthcAdmin.fee.kind')} data={(['fee', 'charge'] as const).map((kind) => ({ value: kind, label: t(`tthcAdmin.feeKind.${kind}`) }))} value={line.kind}
                onChange={(kind) => kind && update({ kind: kind as LineDraft['kind'] })} allowDeselect={false} />
              <TextInput label={t('tthcAdmin.fee.name')} value={line.name} onChange={(e) => update({ name: e.currentTarget.value })} required maxLength={300} error={errors[`lines[${i}].name`]} />
              <NumberInput label={t('tthcAdmin.fee.amount')} value={line.amount} onChange={(amount) => update({ amount })} required {...vndInput} max={1_000_000_000} error={errors[`lines[${i}].amount`]} />
              <TextInput label={t('tthcAdmin.feeSchedules.ruleField')} description={t('tthcAdmin.feeSchedules.ruleFieldHint')} value={line.ruleField} onChange={(e) => update({ ruleField: e.currentTarget.value })}
                maxLength={121} styles={monoInput} error={errors[`lines[${i}].when.field`]} />
              <TagsInput label={t('tthcAdmin.feeSchedules.ruleValues')} description={t('tthcAdmin.feeSchedules.ruleValuesHint')} value={line.ruleValues} onChange={(ruleValues) => update({ ruleValues })}
                disabled={!line.ruleField.trim()} maxTags={50} error={errors[`lines[${i}].when.in`]} />
            </SimpleGrid>
          )}
        </ListEditor>
        <AdminErrorAlert error={save.error} />
        <FormActions onCancel={onDone} saving={save.isPending} submitLabel={t('common.save')} />
      </Stack>
    </form>
  );
}
