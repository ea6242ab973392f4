import { Alert, Button, Card, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier, Procedure, ProcedurePart } from '../../../api/tthc.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { emptyApplicant } from '../filing/applicant.ts';
import { FilePartField } from '../filing/FilePartField.tsx';
import { PartForm } from '../filing/PartForm.tsx';
import { buildParts } from '../filing/submission.ts';
import { useFiling } from '../filing/useFiling.ts';
import { useForms } from '../filing/useForms.ts';
import { TthcErrorAlert } from './TthcErrorAlert.tsx';
import { useDossierAction } from './useDossierAction.ts';

/**
 * Answering a supplement request: for each requested part, its e-form again (prefilled) or new
 * files, and a note. The server does not re-check resubmitted e-forms, so they are checked here
 * against the published form before sending.
 */
export function SupplementAnswer({ dossier, procedure }: { dossier: Dossier; procedure: Procedure | undefined }) {
  const { t } = useTranslation();
  const supplement = dossier.supplement!;
  const filing = useFiling(emptyApplicant());
  const [note, setNote] = useState('');
  const [checkError, setCheckError] = useState<unknown>(null);
  const act = useDossierAction(dossier);
  const requested: ProcedurePart[] = supplement.items.map(
    (item) => procedure?.parts.find((p) => p.code === item.partCode) ?? { code: item.partCode, name: t('tthc.supplement.otherPart'), required: false, originals: 0, copies: 0 },
  );
  const { forms } = useForms(requested.filter((p) => p.formKey).map((p) => p.formKey!));
  const edited = requested.filter((p) => p.formKey && filing.values[p.code]);

  async function send() {
    setCheckError(null);
    try {
      const checks = await Promise.all(edited.map((p) => filing.checkPart({ ...p, required: true }, forms.get(p.formKey!))));
      if (checks.includes(false)) return;
    } catch (error) {
      setCheckError(error);
      return;
    }
    const { formData, files } = buildParts(edited, forms, filing.values, filing.files);
    act.mutate({ action: 'resubmit', formData: Object.keys(formData).length ? formData : undefined, files: files.length ? files : undefined, note: note.trim() || undefined });
  }

  return (
    <Card withBorder component="section" aria-labelledby="supplement-title" bg="orange.0">
      <Title order={2} size="h4" id="supplement-title" mb="xs">
        {t('tthc.supplement.title')}
      </Title>
      <Text size="sm" mb="sm">{t('tthc.supplement.requestedAt', { at: formatDateTime(supplement.requestedAt) })}</Text>
      {supplement.note && <Alert variant="light" mb="sm">{supplement.note}</Alert>}
      <Stack gap="md">
        {supplement.items.map((item, index) => {
          const part = requested[index]!;
          return (
            <Stack key={`${item.partCode}-${index}`} gap="xs">
              <Text size="sm" fw={600}>{part.name}</Text>
              <Text size="sm" c="red.8">{t('tthc.supplement.reason', { reason: item.reason })}</Text>
              {part.formKey && (
                <PartForm
                  part={part}
                  form={forms.get(part.formKey)}
                  value={filing.values[part.code] ?? dossier.formData[part.code]}
                  onChange={(v) => filing.setPart(part.code, v)}
                  errors={filing.partErrors[part.code]}
                />
              )}
              <FilePartField part={{ ...part, required: !part.formKey }} files={filing.filesOf(part.code)} onChange={(list) => filing.setPartFiles(part.code, list)} />
            </Stack>
          );
        })}
        <Textarea label={t('tthc.supplement.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} autosize minRows={2} />
        <TthcErrorAlert error={checkError ?? act.error} />
        {act.isSuccess ? (
          <Alert color="green" variant="light" role="status">{t('tthc.supplement.sent')}</Alert>
        ) : (
          <Button w="fit-content" onClick={() => void send()} loading={act.isPending} disabled={edited.length === 0 && filing.files.length === 0}>
            {t('tthc.supplement.submit')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
