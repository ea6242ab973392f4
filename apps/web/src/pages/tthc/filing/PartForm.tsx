import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EForm, ProcedurePart } from '../../../api/tthc.ts';
import { EFormFields } from '../../../components/EFormFields.tsx';
import { initialValue, type FieldErrors, type FieldSchema, type FormLayout, type FormValue } from '../../../components/eform/schema.ts';

interface Props {
  part: ProcedurePart;
  form: EForm | undefined;
  value: FormValue | undefined;
  onChange: (value: FormValue) => void;
  errors?: FieldErrors;
}

/** One dossier part's e-form; a new form starts from its schema's defaults. */
export function PartForm({ part, form, value, onChange, errors }: Props) {
  const { t } = useTranslation();
  if (!form) return <Text c="dimmed">{t('tthc.apply.formUnavailable', { name: part.name })}</Text>;
  const schema = form.schema as FieldSchema;
  return (
    <EFormFields
      schema={schema}
      layout={form.layout as FormLayout}
      value={value ?? initialValue(schema)}
      onChange={onChange}
      errors={errors}
      idPrefix={`part-${part.code}`}
    />
  );
}
