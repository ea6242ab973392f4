import { Button, Code, Group, Modal, Radio, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { issuesOf, tthcAdminApi, type Offering, type Procedure } from '../../../api/tthc-admin.ts';
import { AgencyPicker } from '../../../components/AgencyPicker.tsx';
import { todayIso } from '../../../lib/format.ts';
import { AdminErrorAlert, isVersionConflict } from './AdminErrorAlert.tsx';
import { checkFees, toFeeDrafts, toFees, type Errors, type FeeDraft } from './drafts.ts';
import { monoInput } from './styles.ts';
import { adminKeys, useAgencyNames, useDossierAgencyCode, useProcessOptions } from './lookups.ts';
import { FeesEditor } from './ProcedureListEditors.tsx';
import { FormActions } from '../../../components/FormActions.tsx';

// Mirrors modules/tthc/dossier/dossier.code.ts, so a pattern is checked, and shown expanded, while typed.
const DEFAULT_CODE_PATTERN = '{agencyCode}-{yyMMdd}-{seq4}';
const TOKEN = /\{(agencyCode|procedureCode|yyyy|yy|MM|dd|yyMMdd|seq(\d))\}/g;

function isValidCodePattern(pattern: string): boolean {
  const tokens = [...pattern.matchAll(TOKEN)];
  const rest = pattern.replace(TOKEN, '');
  return tokens.filter((m) => m[1]!.startsWith('seq')).length === 1 && !/[{}]/.test(rest) && /^[A-Za-z0-9.\-_/]*$/.test(rest) && pattern.length <= 80;
}

/** The first code of today under `pattern`, e.g. `H19.1-260315-0001`. */
function exampleCode(pattern: string, agencyCode: string, procedureCode: string): string {
  const [yyyy, mm, dd] = todayIso().split('-') as [string, string, string];
  const values: Record<string, string> = { agencyCode, procedureCode, yyyy, yy: yyyy.slice(2), MM: mm, dd, yyMMdd: `${yyyy.slice(2)}${mm}${dd}` };
  return pattern.replace(TOKEN, (_m, token: string, width?: string) => values[token] ?? '1'.padStart(Number(width), '0'));
}

interface Props {
  /** null: offer the procedure at another agency. */
  offering: Offering | null;
  procedure: Procedure;
  presetAgencyId: string | null;
  onClose: () => void;
}

export function OfferingFormModal({ offering, procedure, presetAgencyId, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const agencies = useAgencyNames();
  const processes = useProcessOptions();
  const [agencyId, setAgencyId] = useState<string | null>(offering?.agencyId ?? presetAgencyId);
  const [deskAgencyId, setDeskAgencyId] = useState<string | null>(offering?.deskAgencyId ?? null);
  const [processKey, setProcessKey] = useState<string | null>(offering?.processKey ?? null);
  const [codePattern, setCodePattern] = useState(offering?.codePattern ?? '');
  const [onlineEnabled, setOnlineEnabled] = useState(offering?.onlineEnabled ?? procedure.methods.includes('online'));
  const [portal, setPortal] = useState<Offering['onlineFilingPortal']>(offering?.onlineFilingPortal ?? 'provincial');
  const [active, setActive] = useState(offering?.active ?? true);
  // null: the procedure's own fees apply; a list (even empty) overrides them at this agency.
  const [fees, setFees] = useState<FeeDraft[] | null>(offering?.fees ? toFeeDrafts(offering.fees) : null);
  const [localErrors, setLocalErrors] = useState<Errors>({});

  const save = useMutation({
    mutationFn: () => {
      const changes = {
        deskAgencyId: deskAgencyId ?? agencyId ?? undefined,
        processKey: processKey ?? '',
        codePattern: codePattern.trim() || null,
        onlineEnabled,
        onlineFilingPortal: portal,
        active,
        fees: fees ? toFees(fees) : null,
      };
      return offering
        ? tthcAdminApi.updateOffering(offering.id, { ...changes, version: offering.version })
        : tthcAdminApi.createOffering({ ...changes, procedureId: procedure.id, agencyId: agencyId ?? '' });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.offerings });
      onClose();
    },
  });
  const errors: Errors = { ...Object.fromEntries(issuesOf(save.error).map((i) => [i.path, i.message])), ...localErrors };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = fees ? checkFees(fees, t) : {};
    if (!agencyId) found.agencyId = t('form.required');
    if (!processKey) found.processKey = t('form.required');
    if (codePattern.trim() && !isValidCodePattern(codePattern.trim())) found.codePattern = t('tthcAdmin.offering.codePatternInvalid');
    setLocalErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  };
  const pattern = codePattern.trim() || DEFAULT_CODE_PATTERN;
  const agencyCode = useDossierAgencyCode(agencyId ? agencies.get(agencyId) : undefined) || 'H19';
  const title = offering ? t('tthcAdmin.offering.editTitle', { agency: agencies.get(offering.agencyId)?.name ?? '' }) : t('tthcAdmin.offering.createTitle');

  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <form onSubmit={onSubmit} noValidate aria-label={title}>
        <Stack>
          <Text size="sm">{procedure.name}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {offering ? (
              <TextInput label={t('tthcAdmin.offering.agency')} value={agencies.get(offering.agencyId)?.name ?? offering.agencyId} readOnly description={t('tthcAdmin.offering.agencyFixed')} />
            ) : (
              <AgencyPicker label={t('tthcAdmin.offering.agency')} value={agencyId} onChange={setAgencyId} required error={errors.agencyId} />
            )}
            <AgencyPicker label={t('tthcAdmin.offering.desk')} value={deskAgencyId} onChange={setDeskAgencyId} error={errors.deskAgencyId} />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-8}>
            {t('tthcAdmin.offering.deskHint')}
          </Text>
          <Select
            label={t('tthcAdmin.offering.process')}
            description={t('tthcAdmin.offering.processHint')}
            data={processes}
            value={processKey}
            onChange={setProcessKey}
            searchable
            required
            nothingFoundMessage={t('common.noMatch')}
            error={errors.processKey}
          />
          <TextInput
            label={t('tthcAdmin.offering.codePattern')}
            description={t('tthcAdmin.offering.codePatternHint')}
            placeholder={DEFAULT_CODE_PATTERN}
            value={codePattern}
            onChange={(e) => setCodePattern(e.currentTarget.value)}
            maxLength={80}
            styles={monoInput}
            error={errors.codePattern}
          />
          {isValidCodePattern(pattern) && (
            <Text size="sm" aria-live="polite">
              {t('tthcAdmin.offering.example')} <Code>{exampleCode(pattern, agencyCode, procedure.nationalCode)}</Code>
            </Text>
          )}
          <Group>
            <Switch label={t('tthcAdmin.offering.onlineEnabled')} checked={onlineEnabled} onChange={(e) => setOnlineEnabled(e.currentTarget.checked)} />
            <Switch label={t('tthcAdmin.offering.activeSwitch')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
            <Switch label={t('tthcAdmin.offering.overrideFees')} checked={fees !== null} onChange={(e) => setFees(e.currentTarget.checked ? toFeeDrafts(procedure.fees) : null)} />
          </Group>
          {onlineEnabled && (
            <Radio.Group label={t('tthcAdmin.offering.portalLabel')} description={t('tthcAdmin.offering.portalHint')} value={portal} onChange={(v) => setPortal(v as Offering['onlineFilingPortal'])}>
              <Stack gap={6} mt={6}>
                {(['provincial', 'national'] as const).map((p) => <Radio key={p} value={p} label={t(`tthcAdmin.offering.portal.${p}`)} />)}
              </Stack>
            </Radio.Group>
          )}
          {fees && <FeesEditor items={fees} onChange={setFees} errors={errors} legend={t('tthcAdmin.offering.fees')} description={t('tthcAdmin.offering.feesHint')} />}
          <AdminErrorAlert error={save.error} />
          {isVersionConflict(save.error) && (
            <Group>
              <Text size="sm">{t('tthcAdmin.conflictHint')}</Text>
              {/* The list holds the offering's version: refresh it and start the edit again. */}
              <Button variant="light" onClick={() => void queryClient.invalidateQueries({ queryKey: adminKeys.offerings }).then(onClose)}>
                {t('tthcAdmin.reloadLatest')}
              </Button>
            </Group>
          )}
          <FormActions onCancel={onClose} saving={save.isPending} submitLabel={offering ? t('common.save') : t('tthcAdmin.offering.createSubmit')} />
        </Stack>
      </form>
    </Modal>
  );
}
