import { Alert, Badge, Button, Group, Modal, Radio, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier, PartForm, ProcedurePart } from '../../../../api/tthc.ts';
import { TthcErrorAlert } from '../../common/TthcErrorAlert.tsx';
import { PART_FORMS, heldParts, initialRows, problems, toChecklist, type Row } from './checklist.ts';
import type { DialogProps } from './types.ts';

const ELECTRONIC = 'electronic';

/**
 * Acceptance at the desk: the checklist of the procedure's parts, each present or missing and,
 * on paper, original or copy. When a required part is missing the desk may still accept, but
 * only with a reason (kept in the history and the audit log).
 */
export function AcceptDialog({ dossier, parts, onClose, onSubmit, pending, error }: DialogProps & { dossier: Pick<Dossier, 'formData' | 'files'>; parts: ProcedurePart[] }) {
  const { t } = useTranslation();
  const held = useMemo(() => heldParts(dossier), [dossier]);
  const [rows, setRows] = useState<Record<string, Row>>(() => initialRows(parts, held));
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = problems(parts, rows, held);
  const reasonTooShort = missing.length > 0 && reason.trim().length < 10;
  const set = (code: string, change: Partial<Row>) => setRows((prev) => ({ ...prev, [code]: { ...(prev[code] ?? { present: false, form: null }), ...change } }));
  const formOptions = [
    { value: ELECTRONIC, label: t('tthc.checklist.forms.electronic') },
    ...PART_FORMS.map((f) => ({ value: f, label: t(`tthc.checklist.forms.${f}`) })),
  ];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (reasonTooShort) return;
    // Parts not loaded (yet): no checklist, the server reads presence from the dossier itself.
    const checklist = parts.length > 0 ? { checklist: toChecklist(parts, rows) } : {};
    onSubmit({ action: 'accept', ...checklist, ...(missing.length > 0 ? { override: { reason: reason.trim() } } : {}) });
  };
  return (
    <Modal opened onClose={onClose} title={t('tthc.actionLabels.accept')} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('tthc.checklist.intro')}</Text>
          <Table.ScrollContainer minWidth={560}>
            <Table striped withTableBorder aria-label={t('tthc.checklist.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('tthc.checklist.part')}</Table.Th>
                  <Table.Th scope="col">{t('tthc.checklist.presence')}</Table.Th>
                  <Table.Th scope="col">{t('tthc.checklist.form')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {parts.map((part) => {
                  const row = rows[part.code] ?? { present: false, form: null };
                  const problem = missing.includes(part.code);
                  return (
                    <Table.Tr key={part.code} data-part={part.code}>
                      <Table.Th scope="row" fw={400}>
                        <Text size="sm">{part.name}</Text>
                        <Group gap={4} mt={2}>
                          {part.required ? <Badge size="xs" variant="light">{t('tthc.checklist.required')}</Badge> : <Badge size="xs" variant="light" color="gray">{t('tthc.checklist.optional')}</Badge>}
                          {part.requiredForm && <Badge size="xs" variant="outline">{t('tthc.checklist.needs', { form: t(`tthc.checklist.forms.${part.requiredForm}`) })}</Badge>}
                          {held.has(part.code) && <Badge size="xs" variant="light" color="teal">{t('tthc.checklist.held')}</Badge>}
                          {problem && <Badge size="xs" color="red">{row.present ? t('tthc.checklist.weakerForm') : t('tthc.checklist.missing')}</Badge>}
                        </Group>
                      </Table.Th>
                      <Table.Td>
                        <Radio.Group
                          label={<span className="sr-only">{t('tthc.checklist.presenceOf', { name: part.name })}</span>}
                          value={row.present ? 'present' : 'missing'}
                          onChange={(v) => set(part.code, { present: v === 'present' })}
                        >
                          <Group gap="sm" wrap="nowrap">
                            <Radio value="present" label={t('tthc.checklist.present')} />
                            <Radio value="missing" label={t('tthc.checklist.absent')} />
                          </Group>
                        </Radio.Group>
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={t('tthc.checklist.formOf', { name: part.name })}
                          data={formOptions}
                          value={row.form ?? ELECTRONIC}
                          disabled={!row.present}
                          allowDeselect={false}
                          onChange={(v) => set(part.code, { form: v && v !== ELECTRONIC ? (v as PartForm) : null })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {missing.length > 0 && (
            <>
              <Alert color="yellow" variant="light" role="status">{t('tthc.checklist.incomplete', { count: missing.length })}</Alert>
              <Textarea
                label={t('tthc.checklist.overrideReason')}
                description={t('tthc.checklist.overrideHint')}
                required
                autosize
                minRows={2}
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={touched && reasonTooShort ? t('tthc.checklist.reasonTooShort') : undefined}
              />
            </>
          )}
          <TthcErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={pending} color={missing.length > 0 ? 'orange' : undefined}>
              {missing.length > 0 ? t('tthc.checklist.acceptAnyway') : t('tthc.actionLabels.accept')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
