import { Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { tthcApi, type Dossier, type Procedure } from '../../../api/tthc.ts';
import { EFormFields } from '../../../components/EFormFields.tsx';
import { RawDataView } from '../../../components/eform/EFormView.tsx';
import type { FieldSchema, FormLayout } from '../../../components/eform/schema.ts';
import { useForms } from '../filing/useForms.ts';
import { ProvenanceTable } from './ProvenanceTable.tsx';

/** Each part's form data, read-only, laid out by its e-form (raw fields when the part has none, e.g. a national-portal push). */
export function FormDataView({ dossier, procedure }: { dossier: Dossier; procedure: Procedure | undefined }) {
  const { t } = useTranslation();
  const parts = procedure?.parts ?? [];
  const codes = Object.keys(dossier.formData);
  const { forms } = useForms(parts.filter((p) => p.formKey && codes.includes(p.code)).map((p) => p.formKey!));
  // Once-only data: which values came from a national database (and whether the applicant changed them).
  const provenance = useQuery({ queryKey: ['tthc', 'provenance', dossier.id], queryFn: () => tthcApi.provenance(dossier.id), retry: false });
  if (codes.length === 0) return <Text size="sm" c="dimmed">{t('tthc.detail.noFormData')}</Text>;
  return (
    <Stack>
      {codes.map((code) => {
        const part = parts.find((p) => p.code === code);
        const form = part?.formKey ? forms.get(part.formKey) : undefined;
        const value = dossier.formData[code] ?? {};
        return (
          <Card key={code} withBorder>
            <Title order={3} size="h5" mb="sm">
              {part?.name ?? t('tthc.detail.otherPart', { code })}
            </Title>
            {form ? (
              <EFormFields readOnly schema={form.schema as FieldSchema} layout={form.layout as FormLayout} value={value} idPrefix={`view-${code}`} />
            ) : (
              <RawDataView value={value} />
            )}
            {provenance.data?.parts.filter((p) => p.partCode === code && p.fields.length > 0).map((p) => (
              <ProvenanceTable key={`${p.partCode}-${p.formKey}`} part={p} schema={form?.schema as FieldSchema | undefined} />
            ))}
          </Card>
        );
      })}
    </Stack>
  );
}
