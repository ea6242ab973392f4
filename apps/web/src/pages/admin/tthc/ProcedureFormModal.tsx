import { Alert, Button, Checkbox, Divider, Group, Modal, NumberInput, Radio, Select, SimpleGrid, Stack, Switch, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { issuesOf, tthcAdminApi, type Procedure } from '../../../api/tthc-admin.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { AdminErrorAlert, isVersionConflict } from './AdminErrorAlert.tsx';
import { APPLICANT_TYPES, checkDraft, LEVELS, LIMITS, METHODS, toDraft, toInput, type Errors, type ProcedureDraft } from './drafts.ts';
import { adminKeys, useFieldOptions, useFormOptions } from './lookups.ts';
import { FeesEditor, LegalBasesEditor, PartsEditor } from './ProcedureListEditors.tsx';
import { monoInput } from './styles.ts';
import { VerificationEditor } from './VerificationEditor.tsx';
import { FormActions } from '../../../components/FormActions.tsx';

interface Props {
  /** null: a new procedure. */
  procedureId: string | null;
  onClose: () => void;
}

/** Create or edit a procedure. An edit starts from a fresh read, so its version is the newest. */
export function ProcedureFormModal({ procedureId, onClose }: Props) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)');
  const current = useQuery({
    queryKey: [...adminKeys.procedures, 'one', procedureId],
    queryFn: () => tthcAdminApi.procedure(procedureId!),
    enabled: procedureId !== null,
  });
  const title = procedureId ? t('tthcAdmin.procedure.editTitle', { code: current.data?.nationalCode ?? '' }) : t('tthcAdmin.procedure.createTitle');
  return (
    <Modal opened onClose={onClose} title={title} size="xl" fullScreen={narrow}>
      {procedureId === null ? (
        <ProcedureForm procedure={undefined} onClose={onClose} onReload={() => undefined} />
      ) : (
        <QueryState isPending={current.isPending} error={current.error}>
          {/* A new version re-creates the form: a reload after a conflict starts from the server's copy. */}
          <ProcedureForm key={current.data?.version} procedure={current.data} onClose={onClose} onReload={() => void current.refetch()} />
        </QueryState>
      )}
    </Modal>
  );
}

function ProcedureForm({ procedure, onClose, onReload }: { procedure?: Procedure; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fields = useFieldOptions();
  const formKeys = useFormOptions();
  const [draft, setDraft] = useState<ProcedureDraft>(() => toDraft(procedure));
  const [localErrors, setLocalErrors] = useState<Errors>({});
  const summary = useRef<HTMLDivElement>(null);
  // Fields changed since the last submit: their old messages no longer describe what is typed.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const set = <K extends keyof ProcedureDraft>(key: K) => (value: ProcedureDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setEdited((e) => (e.has(key) ? e : new Set(e).add(key)));
  };

  const save = useMutation({
    mutationFn: () => {
      const body = toInput(draft);
      return procedure ? tthcAdminApi.updateProcedure(procedure.id, procedure.version, body) : tthcAdminApi.createProcedure(body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.procedures });
      onClose();
    },
  });
  const serverErrors = Object.fromEntries(issuesOf(save.error).map((i) => [i.path, i.message]));
  const errors: Errors = Object.fromEntries(Object.entries({ ...serverErrors, ...localErrors }).filter(([path]) => !edited.has(path.split(/[.[]/)[0]!)));
  const conflict = isVersionConflict(save.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkDraft(draft, t);
    setLocalErrors(found);
    setEdited(new Set());
    if (Object.keys(found).length === 0) save.mutate();
    // The summary is announced and focused so keyboard users learn why nothing was sent.
    else requestAnimationFrame(() => summary.current?.focus());
  };
  const error = (path: string) => errors[path];
  const localCount = Object.keys(localErrors).filter((path) => path in errors).length;

  return (
    <form onSubmit={onSubmit} noValidate aria-label={procedure ? t('tthcAdmin.procedure.editTitle', { code: procedure.nationalCode }) : t('tthcAdmin.procedure.createTitle')}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('tthcAdmin.procedure.nationalCode')}
            description={t('tthcAdmin.procedure.nationalCodeHint')}
            value={draft.nationalCode}
            onChange={(e) => set('nationalCode')(e.currentTarget.value)}
            required
            maxLength={60}
            styles={monoInput}
            error={error('nationalCode')}
            data-autofocus
          />
          <Select
            label={t('tthcAdmin.procedure.field')}
            data={fields.options}
            value={draft.fieldCode}
            onChange={set('fieldCode')}
            searchable
            required
            placeholder={fields.isPending ? t('common.loading') : undefined}
            nothingFoundMessage={t('common.noMatch')}
            error={error('fieldCode') ?? (fields.error ? (fields.error as Error).message : undefined)}
          />
        </SimpleGrid>
        <Textarea label={t('tthcAdmin.procedure.name')} value={draft.name} onChange={(e) => set('name')(e.currentTarget.value)} required maxLength={500} autosize minRows={1} error={error('name')} />
        <Radio.Group label={t('tthcAdmin.procedure.level')} value={draft.level} onChange={(v) => set('level')(v as ProcedureDraft['level'])} required error={error('level')}>
          <Group mt={4}>
            {LEVELS.map((level) => (
              <Radio key={level} value={level} label={t(`tthcAdmin.level.${level}`)} />
            ))}
          </Group>
        </Radio.Group>
        <TagsInput
          label={t('tthcAdmin.procedure.implementingAgencies')}
          description={t('tthcAdmin.procedure.implementingAgenciesHint')}
          value={draft.implementingAgencies}
          onChange={set('implementingAgencies')}
          maxTags={LIMITS.agencies}
          splitChars={[]}
          clearable
          error={error('implementingAgencies')}
        />
        <TextInput label={t('tthcAdmin.procedure.resultType')} value={draft.resultType} onChange={(e) => set('resultType')(e.currentTarget.value)} required maxLength={500} error={error('resultType')} />

        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Checkbox.Group label={t('tthcAdmin.procedure.applicantTypes')} value={draft.applicantTypes} onChange={(v) => set('applicantTypes')(v as ProcedureDraft['applicantTypes'])} required error={error('applicantTypes')}>
            <Stack gap={6} mt={6}>
              {APPLICANT_TYPES.map((type) => (
                <Checkbox key={type} value={type} label={t(`tthcAdmin.applicantType.${type}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Checkbox.Group label={t('tthcAdmin.procedure.methods')} value={draft.methods} onChange={(v) => set('methods')(v as ProcedureDraft['methods'])} required error={error('methods')}>
            <Stack gap={6} mt={6}>
              {METHODS.map((method) => (
                <Checkbox key={method} value={method} label={t(`tthcAdmin.method.${method}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('tthcAdmin.procedure.processingDays')}
            description={t('tthcAdmin.procedure.processingDaysHint')}
            value={draft.processingDays}
            onChange={set('processingDays')}
            min={0}
            max={LIMITS.days}
            allowDecimal={false}
            allowNegative={false}
            required
            error={error('processingDays')}
          />
          <Stack gap="xs" mt={{ sm: 'lg' }}>
            <Switch label={t('tthcAdmin.procedure.fullyOnline')} checked={draft.fullyOnline} onChange={(e) => set('fullyOnline')(e.currentTarget.checked)} error={error('fullyOnline')} />
            <Switch label={t('tthcAdmin.procedure.active')} description={t('tthcAdmin.procedure.activeHint')} checked={draft.active} onChange={(e) => set('active')(e.currentTarget.checked)} />
          </Stack>
        </SimpleGrid>
        <Textarea label={t('tthcAdmin.procedure.processingNote')} value={draft.processingNote} onChange={(e) => set('processingNote')(e.currentTarget.value)} maxLength={1000} autosize minRows={2} error={error('processingNote')} />
        <Textarea label={t('tthcAdmin.procedure.conditions')} value={draft.conditions} onChange={(e) => set('conditions')(e.currentTarget.value)} maxLength={5000} autosize minRows={2} error={error('conditions')} />

        <Divider />
        <FeesEditor items={draft.fees} onChange={set('fees')} errors={errors} />
        <Divider />
        <PartsEditor items={draft.parts} onChange={set('parts')} errors={errors} formKeys={formKeys} />
        <Divider />
        <LegalBasesEditor items={draft.legalBases} onChange={set('legalBases')} errors={errors} />
        <VerificationEditor value={draft.verification} onChange={set('verification')} errors={errors} />

        <div ref={summary} tabIndex={-1}>
          {localCount > 0 && (
            <Alert color="red" variant="light" role="alert" title={t('tthcAdmin.errors.summaryTitle')}>
              {t('tthcAdmin.errors.summary', { count: localCount })}
            </Alert>
          )}
        </div>
        <AdminErrorAlert error={save.error} />
        {conflict && (
          <Group>
            <Text size="sm">{t('tthcAdmin.conflictHint')}</Text>
            <Button variant="light" onClick={onReload}>
              {t('tthcAdmin.reloadLatest')}
            </Button>
          </Group>
        )}
        <FormActions onCancel={onClose} saving={save.isPending} submitLabel={procedure ? t('common.save') : t('tthcAdmin.procedure.createSubmit')} />
      </Stack>
    </form>
  );
}
