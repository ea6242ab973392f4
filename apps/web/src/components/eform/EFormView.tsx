import { Fieldset, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { childPointer, displayFormDate, isRecord, kindOf, layoutSections, orderedKeys, widgetOf, type FieldSchema, type FormLayout, type FormValue } from './schema.ts';

/** Form data as read-only text, laid out like the form (officials reviewing a dossier, applicants re-reading theirs). */
export function EFormView({ schema, layout, value }: { schema: FieldSchema; layout?: FormLayout; value: FormValue }) {
  return (
    <Stack gap="md">
      {layoutSections(schema, layout).map((section, index) => (
        <Stack key={section.title || index} gap="xs" component="section">
          {section.title && (
            <Title order={4} size="h5">
              {section.title}
            </Title>
          )}
          {section.fields.map((key) => (
            <ViewNode key={key} schema={schema.properties![key]!} layout={layout} pointer={childPointer('', key)} label={schema.properties![key]!.title ?? key} value={value[key]} />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

function ViewNode({ schema, layout, pointer, label, value }: { schema: FieldSchema; layout?: FormLayout; pointer: string; label: string; value: unknown }) {
  const { t } = useTranslation();
  const kind = kindOf(schema);
  if (kind === 'object') {
    const current = isRecord(value) ? value : {};
    if (Object.keys(current).length === 0) return <Row label={label} text={t('tthc.eform.blank')} />;
    return (
      <Fieldset legend={label}>
        <Stack gap={4}>
          {orderedKeys(schema).map((key) => (
            <ViewNode key={key} schema={schema.properties![key]!} layout={layout} pointer={childPointer(pointer, key)} label={schema.properties![key]!.title ?? key} value={current[key]} />
          ))}
        </Stack>
      </Fieldset>
    );
  }
  if (kind === 'array') {
    const items = Array.isArray(value) ? value : [];
    if (items.length === 0) return <Row label={label} text={t('tthc.eform.blank')} />;
    return (
      <Fieldset legend={label}>
        <Stack gap={4}>
          {items.map((item, index) => (
            <ViewNode key={index} schema={schema.items ?? {}} layout={layout} pointer={childPointer(pointer, index)} label={`${schema.items?.title ?? label} ${index + 1}`} value={item} />
          ))}
        </Stack>
      </Fieldset>
    );
  }
  const widget = widgetOf(schema, pointer, layout);
  const text =
    value === undefined || value === null || value === ''
      ? t('tthc.eform.blank')
      : typeof value === 'boolean'
        ? t(value ? 'tthc.eform.yes' : 'tthc.eform.no')
        : widget === 'date'
          ? displayFormDate(value)
          : String(value);
  return <Row label={label} text={text} />;
}

/** Any JSON the dossier holds without a form to describe it (e.g. a national-portal push). */
export function RawDataView({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (!isRecord(value)) return <Text size="sm">{value === undefined || value === null ? t('tthc.eform.blank') : String(value)}</Text>;
  return (
    <Stack gap={4}>
      {Object.entries(value).map(([key, v]) =>
        isRecord(v) || Array.isArray(v) ? (
          <Fieldset key={key} legend={key}>
            <RawDataView value={Array.isArray(v) ? Object.fromEntries(v.map((item, i) => [String(i + 1), item])) : v} />
          </Fieldset>
        ) : (
          <Row key={key} label={key} text={v === null || v === undefined ? t('tthc.eform.blank') : String(v)} />
        ),
      )}
    </Stack>
  );
}

function Row({ label, text }: { label: string; text: string }) {
  return (
    <Text size="sm">
      <Text span fw={600}>
        {label}:
      </Text>{' '}
      {text}
    </Text>
  );
}
