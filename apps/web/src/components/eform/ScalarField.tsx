import { Checkbox, Group, NativeSelect, Radio, Textarea, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DateField } from '../DateField.tsx';
import { CatalogueSelect } from './CatalogueSelect.tsx';
import { formatTimeDate } from '../../lib/format.ts';
import { useLockedByVneid, useNationalSource } from './prefill.ts';
import { displayFormDate, kindOf, parseFormDate, parseNumber, type FieldSchema, type Widget } from './schema.ts';

interface Props {
  id: string;
  schema: FieldSchema;
  label: string;
  widget: Widget;
  required: boolean;
  value: unknown;
  error?: string;
  onChange: (value: unknown) => void;
  /** The field's JSON Pointer in the form (to show where a prefilled value came from). */
  pointer?: string;
}

/** What the schema expects, said once under the label (ranges, formats), so errors are rarer. */
function hint(schema: FieldSchema, t: TFunction, language: string): string | undefined {
  const kind = kindOf(schema);
  if (kind === 'number' || kind === 'integer') {
    const format = (n: number | undefined) => (n === undefined ? undefined : new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN').format(n));
    const min = format(schema.minimum ?? schema.exclusiveMinimum);
    const max = format(schema.maximum ?? schema.exclusiveMaximum);
    const whole = kind === 'integer' ? t('tthc.eform.wholeNumber') : '';
    if (min !== undefined && max !== undefined) return `${whole}${t('tthc.eform.between', { min, max })}`;
    if (min !== undefined) return `${whole}${t('tthc.eform.atLeast', { min })}`;
    if (max !== undefined) return `${whole}${t('tthc.eform.atMost', { max })}`;
    return whole || undefined;
  }
  if (schema['x-placeholder']) return t('tthc.eform.format', { example: schema['x-placeholder'] });
  if (schema.format === 'date') return t('tthc.eform.dateHint');
  return schema.description;
}

export function ScalarField({ id, schema, label, widget, required, value, error, onChange, pointer }: Props) {
  const { t, i18n } = useTranslation();
  const locked = useLockedByVneid(schema);
  const national = useNationalSource(pointer);
  const fromNational = national ? t('tthc.prefill.fromSource', { source: t(`tthc.prefill.source.${national.source}`), at: formatTimeDate(national.fetchedAt) }) : undefined;
  // VNeID's own values are shown, not edited (the server writes them anyway); a national database's value is marked with its source and time.
  const base = { id, label, required, error, description: fromNational ?? (locked ? t('tthc.applicant.fromVneid') : hint(schema, t, i18n.language)) };
  const common = locked ? { ...base, readOnly: true, variant: 'filled' as const } : base;
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const options = (schema.enum ?? []).map((option) => String(option));

  if (schema['x-catalog']) return <CatalogueSelect {...common} list={schema['x-catalog']} value={text} onChange={onChange} />;
  switch (widget) {
    case 'radio':
      return (
        <Radio.Group {...base} id={undefined} value={text} onChange={onChange}>
          <Group mt={4}>
            {options.map((option) => (
              <Radio key={option} id={`${id}-${option}`} value={option} label={option} />
            ))}
          </Group>
        </Radio.Group>
      );
    case 'select':
      return (
        <NativeSelect
          {...base}
          value={text}
          data={[{ value: '', label: t('tthc.eform.choose') }, ...options.map((o) => ({ value: o, label: o }))]}
          onChange={(e) => onChange(e.currentTarget.value || undefined)}
        />
      );
    case 'checkbox':
      return <Checkbox id={id} label={label} error={error} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
    case 'date':
      return <DateField {...common} value={displayFormDate(value)} onChange={(e) => onChange(parseFormDate(e.currentTarget.value))} />;
    case 'number':
      return (
        <TextInput
          {...common}
          inputMode={kindOf(schema) === 'integer' ? 'numeric' : 'decimal'}
          value={text}
          onChange={(e) => onChange(parseNumber(e.currentTarget.value))}
          maw={240}
        />
      );
    case 'textarea':
      return <Textarea {...common} autosize minRows={2} maxLength={schema.maxLength} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    default:
      return (
        <TextInput
          {...common}
          type={widget === 'email' ? 'email' : widget === 'tel' ? 'tel' : 'text'}
          inputMode={schema.pattern === '^\\d{12}$' ? 'numeric' : undefined}
          maxLength={schema.maxLength}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}
