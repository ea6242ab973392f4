import { Alert, Button, Card, List, Stack, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { missingParts, tthcApi, type Filed } from '../../../api/tthc.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { useLocalisedError } from '../common/errors.ts';
import { TthcErrorAlert } from '../common/TthcErrorAlert.tsx';
import { ApplicantFields } from '../filing/ApplicantFields.tsx';
import { checkApplicant, emptyApplicant, toApplicant } from '../filing/applicant.ts';
import { FilePartField } from '../filing/FilePartField.tsx';
import { focusFirstError } from '../filing/focusFirstError.ts';
import { PartForm } from '../filing/PartForm.tsx';
import { buildParts, fileParts, formParts, problemsByPart } from '../filing/submission.ts';
import { useFiling } from '../filing/useFiling.ts';
import { useForms, useProcedure } from '../filing/useForms.ts';

/** The applicant, the e-forms and the papers scanned at the desk, on one page; accepted at once (receipt issued). */
export function CounterForm({ procedureId, offeringId, deskAgencyId, onFiled }: { procedureId: string; offeringId: string; deskAgencyId?: string | undefined; onFiled: (filed: Filed) => void }) {
  const { t, i18n } = useTranslation();
  const localised = useLocalisedError();
  const queryClient = useQueryClient();
  const procedure = useProcedure(procedureId);
  const parts = procedure.data?.parts ?? [];
  const { forms, isPending, error } = useForms(formParts(parts).map((p) => p.formKey!));
  const filing = useFiling(emptyApplicant());
  const [checkError, setCheckError] = useState<unknown>(null);

  const submit = useMutation({
    mutationFn: () =>
      tthcApi.fileAtCounter(
        { offeringId, accept: true, ...(deskAgencyId ? { deskAgencyId } : {}), submission: { applicant: toApplicant(filing.applicant, 'counter'), ...buildParts(parts, forms, filing.values, filing.files) } },
        filing.idempotencyKey(),
      ),
    onSuccess: (filed) => {
      void queryClient.invalidateQueries({ queryKey: ['tthc', 'queue'] });
      onFiled(filed);
    },
    onError: (failure) => {
      filing.setPartErrors(problemsByPart(failure, i18n.language));
      focusFirstError();
    },
  });

  /** Everything is checked before sending, so the official fixes all at once. */
  async function accept() {
    setCheckError(null);
    const applicantErrors = checkApplicant(filing.applicant, 'counter', t);
    filing.setApplicantErrors(applicantErrors);
    try {
      const checks = await Promise.all(formParts(parts).map((p) => filing.checkPart(p, forms.get(p.formKey!))));
      if (checks.includes(false) || Object.keys(applicantErrors).length) {
        focusFirstError();
        return;
      }
    } catch (failure) {
      setCheckError(failure);
      return;
    }
    submit.mutate();
  }

  const lacking = missingParts(submit.error);
  return (
    <QueryState isPending={procedure.isPending || isPending} error={localised(procedure.error ?? error)}>
      <Stack gap="md">
        <Card withBorder component="section" aria-labelledby="counter-applicant">
          <Title order={2} size="h4" id="counter-applicant" mb="sm">{t('tthc.apply.stepApplicant')}</Title>
          <ApplicantFields value={filing.applicant} onChange={filing.setApplicant} errors={filing.applicantErrors} mode="counter" />
        </Card>
        {formParts(parts).map((part) => (
          <Card key={part.code} withBorder component="section" aria-label={part.name}>
            <Title order={2} size="h4" mb="sm">{forms.get(part.formKey!)?.title ?? part.name}</Title>
            <PartForm part={part} form={forms.get(part.formKey!)} value={filing.values[part.code]} onChange={(v) => filing.setPart(part.code, v)} errors={filing.partErrors[part.code]} />
          </Card>
        ))}
        {fileParts(parts).length > 0 && (
          <Card withBorder component="section" aria-labelledby="counter-files">
            <Title order={2} size="h4" id="counter-files" mb="sm">{t('tthc.apply.stepFiles')}</Title>
            <Stack gap="sm">
              {fileParts(parts).map((part) => (
                <FilePartField key={part.code} part={part} files={filing.filesOf(part.code)} onChange={(list) => filing.setPartFiles(part.code, list)} />
              ))}
            </Stack>
          </Card>
        )}
        {lacking.length > 0 ? (
          <Alert color="red" variant="light" role="alert" title={t('tthc.errors.partsMissing')}>
            <List size="sm">{lacking.map((m) => <List.Item key={m.partCode}>{m.name}</List.Item>)}</List>
          </Alert>
        ) : (
          <TthcErrorAlert error={checkError ?? submit.error} />
        )}
        <Button w="fit-content" size="md" onClick={() => void accept()} loading={submit.isPending}>
          {t('tthc.counter.accept')}
        </Button>
      </Stack>
    </QueryState>
  );
}
