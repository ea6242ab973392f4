import { Alert, Button, Group, List, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { missingParts, tthcApi, type ApplicantProfile, type EForm, type Filed, type Offering, type Procedure } from '../../../api/tthc.ts';
import { NationalContext, PrefillContext } from '../../../components/eform/prefill.ts';
import { useAuth } from '../../../auth/AuthProvider.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { TthcErrorAlert } from '../common/TthcErrorAlert.tsx';
import { ApplicantFields } from '../filing/ApplicantFields.tsx';
import { applicantFromProfile, checkApplicant, emptyApplicant, toApplicant } from '../filing/applicant.ts';
import { prefillParts, prefillValues } from '../filing/prefill.ts';
import { FilePartField } from '../filing/FilePartField.tsx';
import { focusFirstError } from '../filing/focusFirstError.ts';
import { PartForm } from '../filing/PartForm.tsx';
import { buildParts, fileParts, formParts, problemsByPart } from '../filing/submission.ts';
import { useFiling } from '../filing/useFiling.ts';
import { useNationalPrefill } from '../filing/useNationalPrefill.ts';
import { postalApi } from '../../../api/postal.ts';
import { checkPostalChoice, initialPostalChoice, toPostalChoice, type PostalChoiceErrors } from '../../postal/choice.ts';
import { PostalChoiceFields } from '../../postal/PostalChoiceFields.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { useDraft } from './useDraft.ts';

interface Props {
  /** What VNeID said about the applicant (prefills the applicant block and the e-forms). */
  profile: ApplicantProfile | undefined;
  procedure: Procedure;
  offering: Offering;
  forms: Map<string, EForm>;
  draftId?: string;
  onFiled: (filed: Filed) => void;
}

type Step = { key: string; label: string };

/** Online filing in steps: contact, one step per e-form, attachments, review and submit. */
export function ApplyWizard({ profile, procedure, offering, forms, draftId, onFiled }: Props) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const prefill = useMemo(() => prefillValues(profile), [profile]);
  const filing = useFiling(profile ? applicantFromProfile(profile) : emptyApplicant(me?.displayName ?? ''), (values) => prefillParts(procedure.parts, forms, values, prefill));
  const draft = useDraft(filing, offering.id, draftId);
  // Once-only data: the fields the national databases hold arrive filled (the citizen's own VNeID identity).
  const national = useNationalPrefill(profile !== undefined, formParts(procedure.parts), forms, filing.updatePart);
  const [active, setActive] = useState(0);
  const [missing, setMissing] = useState<{ partCode: string; name: string }[]>([]);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [postal, setPostal] = useState(() => initialPostalChoice(filing.applicant.fullName, filing.applicant.phone));
  const [postalErrors, setPostalErrors] = useState<PostalChoiceErrors>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  // A new step is announced: focus goes to its heading (not on the first render).
  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [active]);

  const withForms = formParts(procedure.parts);
  const withFiles = fileParts(procedure.parts);
  const steps: Step[] = [
    { key: 'applicant', label: t('tthc.apply.stepApplicant') },
    ...withForms.map((p) => ({ key: `part:${p.code}`, label: forms.get(p.formKey!)?.title ?? p.name })),
    ...(withFiles.length ? [{ key: 'files', label: t('tthc.apply.stepFiles') }] : []),
    { key: 'postal', label: t('postal.step') },
    { key: 'review', label: t('tthc.apply.stepReview') },
  ];
  const current = steps[active]!;
  const stepOf = (key: string) => Math.max(0, steps.findIndex((s) => s.key === key));

  const submit = useMutation({
    mutationFn: async () => {
      const prefills = national.prefills();
      const submission = { applicant: toApplicant(filing.applicant, 'online', i18n.language), ...buildParts(procedure.parts, forms, filing.values, filing.files), ...(prefills ? { prefills } : {}) };
      // Filing is idempotent: if recording the postal choice fails, submitting again finds the same dossier.
      const filed = await tthcApi.fileOnline({ offeringId: offering.id, submission }, filing.idempotencyKey());
      await postalApi.choose(filed.dossier.id, toPostalChoice(postal));
      return filed;
    },
    onSuccess: (filed) => {
      draft.discard();
      void queryClient.invalidateQueries({ queryKey: ['tthc', 'mine'] });
      onFiled(filed);
    },
    onError: (error) => {
      // Take the applicant to the first step the server found wrong.
      const problems = problemsByPart(error, i18n.language);
      filing.setPartErrors(problems);
      const lacking = missingParts(error);
      setMissing(lacking);
      const firstPart = Object.keys(problems)[0] ?? lacking[0]?.partCode;
      if (firstPart) setActive(withForms.some((p) => p.code === firstPart) ? stepOf(`part:${firstPart}`) : stepOf('files'));
      else if (error instanceof ApiError && error.details.some((d) => d.field.includes('/applicant/'))) setActive(0);
    },
  });

  /** Validates the step being left (forward only): contact details locally, e-forms on the server. */
  async function next() {
    if (current.key === 'applicant') {
      const errors = checkApplicant(filing.applicant, 'online', t);
      filing.setApplicantErrors(errors);
      if (Object.keys(errors).length) return focusFirstError();
      // The recipient of a postal return is, unless changed, the applicant.
      setPostal((p) => ({ ...p, name: p.name || filing.applicant.fullName, phone: p.phone || filing.applicant.phone }));
    }
    if (current.key === 'postal') {
      const errors = checkPostalChoice(postal, t);
      setPostalErrors(errors);
      if (Object.keys(errors).length) return focusFirstError();
    }
    if (current.key.startsWith('part:')) {
      const part = withForms.find((p) => `part:${p.code}` === current.key)!;
      setChecking(true);
      setCheckError(null);
      try {
        if (!(await filing.checkPart(part, forms.get(part.formKey!)))) return focusFirstError();
      } catch (error) {
        setCheckError(error);
        return;
      } finally {
        setChecking(false);
      }
    }
    setActive((i) => Math.min(i + 1, steps.length - 1));
  }

  return (
    <Stack gap="lg">
      <Stepper active={active} onStepClick={(i) => i < active && setActive(i)} size="sm" wrap>
        {steps.map((step) => (
          <Stepper.Step key={step.key} label={step.label} />
        ))}
      </Stepper>
      <Title order={2} size="h3" id="wizard-step-title" ref={heading} tabIndex={-1}>
        {current.label}
      </Title>
      {draft.loading && <Text size="sm">{t('common.loading')}</Text>}
      <TthcErrorAlert error={draft.loadError} />

      {current.key === 'applicant' && (
        <ApplicantFields value={filing.applicant} onChange={filing.setApplicant} errors={filing.applicantErrors} mode="online" organisationsAccepted={procedure.applicantTypes.includes('organisation')} />
      )}
      <PrefillContext.Provider value={prefill}>
        {withForms.map((part) =>
          current.key === `part:${part.code}` ? (
            <NationalContext.Provider key={part.code} value={national.sources(part.code)}>
              {national.error !== null && (
                <Alert color="yellow" variant="light" role="status" mb="sm">
                  {t('tthc.prefill.unavailable')}
                </Alert>
              )}
              <PartForm part={part} form={forms.get(part.formKey!)} value={filing.values[part.code]} onChange={(v) => filing.setPart(part.code, v)} errors={filing.partErrors[part.code]} />
            </NationalContext.Provider>
          ) : null,
        )}
      </PrefillContext.Provider>
      {current.key === 'files' && (
        <Stack gap="sm">
          {withFiles.map((part) => (
            <FilePartField
              key={part.code}
              part={part}
              files={filing.filesOf(part.code)}
              onChange={(list) => filing.setPartFiles(part.code, list)}
              fromStore
              error={missing.some((m) => m.partCode === part.code) ? t('tthc.apply.partMissing') : undefined}
            />
          ))}
        </Stack>
      )}
      {current.key === 'postal' && <PostalChoiceFields value={postal} onChange={setPostal} errors={postalErrors} />}
      {current.key === 'review' && <ReviewStep procedure={procedure} offering={offering} filing={filing} postal={postal} onEdit={(key) => setActive(stepOf(key))} />}

      {missing.length > 0 && (
        <Alert color="red" variant="light" role="alert" title={t('tthc.errors.partsMissing')}>
          <List size="sm">
            {missing.map((m) => (
              <List.Item key={m.partCode}>{m.name}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {!missing.length && <TthcErrorAlert error={submit.error} />}
      <TthcErrorAlert error={draft.save.error} />
      <TthcErrorAlert error={checkError} />

      <Group justify="space-between" wrap="wrap">
        <Group>
          <Button variant="default" disabled={active === 0} onClick={() => setActive((i) => i - 1)}>
            {t('tthc.apply.back')}
          </Button>
          <Button variant="light" onClick={() => draft.save.mutate()} loading={draft.save.isPending}>
            {t('tthc.apply.saveDraft')}
          </Button>
          {draft.saved && (
            <Text size="sm" c="dimmed" role="status">
              {t('tthc.apply.draftSaved', { at: formatDateTime(draft.saved.at) })}
            </Text>
          )}
        </Group>
        {current.key === 'review' ? (
          <Button onClick={() => submit.mutate()} loading={submit.isPending}>
            {t('tthc.apply.submit')}
          </Button>
        ) : (
          <Button onClick={() => void next()} loading={checking}>
            {t('tthc.apply.next')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
