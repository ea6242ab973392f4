// A small generic renderer of the platform's e-forms (JSON Schema + layout): nested objects as
// fieldsets, arrays with add/remove, scalar widgets, required marks, hints, and the server's
// field errors shown under their fields by JSON Pointer. `readOnly` renders the same data as text.
import { Alert, Button, Fieldset, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EFormView } from './eform/EFormView.tsx';
import { ScalarField } from './eform/ScalarField.tsx';
import {
  childPointer, isRecord, kindOf, layoutSections, orderedKeys, pointerId, widgetOf, withDefaults, type FieldErrors, type FieldSchema, type FormLayout, type FormValue,
} from './eform/schema.ts';

export interface EFormProps {
  schema: FieldSchema;
  layout?: FormLayout;
  value: FormValue;
  onChange?: (value: FormValue) => void;
  errors?: FieldErrors;
  readOnly?: boolean;
  /** Prefix of the inputs' ids: two forms on a page must not share ids. */
  idPrefix: string;
}

interface NodeProps {
  schema: FieldSchema;
  layout?: FormLayout;
  pointer: string;
  label: string;
  required: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
  errors?: FieldErrors;
  idPrefix: string;
}

export function EFormFields({ schema, layout, value, onChange, errors, readOnly, idPrefix }: EFormProps) {
  const { t } = useTranslation();
  if (readOnly) return <EFormView schema={schema} layout={layout} value={value} />;
  const field = (key: string) => {
    const sub = schema.properties?.[key];
    if (!sub) return null;
    const pointer = childPointer('', key);
    return (
      <SchemaNode
        key={key}
        schema={sub}
        layout={layout}
        pointer={pointer}
        label={sub.title ?? key}
        required={schema.required?.includes(key) ?? false}
        value={value[key]}
        onChange={(next) => onChange?.(setKey(value, key, next))}
        errors={errors}
        idPrefix={idPrefix}
      />
    );
  };
  return (
    <Stack gap="lg">
      {errors?.[''] && (
        <Alert color="red" variant="light" role="alert">
          {errors['']}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t('tthc.eform.requiredNote')}
      </Text>
      {layoutSections(schema, layout).map((section, index) => (
        <Stack key={section.title || index} gap="sm" component="section">
          {section.title && (
            <Title order={3} size="h4">
              {section.title}
            </Title>
          )}
          {section.fields.map(field)}
        </Stack>
      ))}
    </Stack>
  );
}

function setKey(value: FormValue, key: string, next: unknown): FormValue {
  const copy = { ...value };
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
}

function SchemaNode(props: NodeProps) {
  const { schema, layout, pointer, label, required, value, onChange, errors, idPrefix } = props;
  const kind = kindOf(schema);
  if (kind === 'object') return <ObjectNode {...props} />;
  if (kind === 'array') return <ArrayNode {...props} />;
  return (
    <ScalarField
      id={`${idPrefix}-${pointerId(pointer)}`}
      schema={schema}
      label={label}
      widget={widgetOf(schema, pointer, layout)}
      required={required}
      value={value}
      error={errors?.[pointer]}
      onChange={onChange}
      pointer={pointer}
    />
  );
}

function ObjectNode({ schema, layout, pointer, label, value, onChange, errors, idPrefix }: NodeProps) {
  const current = isRecord(value) ? value : {};
  return (
    <Fieldset legend={label} variant="default">
      <Stack gap="sm">
        {errors?.[pointer] && (
          <Text c="red" size="sm" role="alert">
            {errors[pointer]}
          </Text>
        )}
        {orderedKeys(schema).map((key) => {
          const sub = schema.properties![key]!;
          return (
            <SchemaNode
              key={key}
              schema={sub}
              layout={layout}
              pointer={childPointer(pointer, key)}
              label={sub.title ?? key}
              required={schema.required?.includes(key) ?? false}
              value={current[key]}
              onChange={(next) => onChange(setKey(current, key, next))}
              errors={errors}
              idPrefix={idPrefix}
            />
          );
        })}
      </Stack>
    </Fieldset>
  );
}

function ArrayNode({ schema, layout, pointer, label, required, value, onChange, errors, idPrefix }: NodeProps) {
  const { t } = useTranslation();
  const items = Array.isArray(value) ? value : [];
  const itemSchema = schema.items ?? {};
  const max = schema.maxItems ?? 50;
  const replace = (index: number, next: unknown) => onChange(items.map((item, i) => (i === index ? next : item)));
  return (
    <Fieldset legend={`${label}${required ? ' *' : ''}`}>
      <Stack gap="sm">
        {errors?.[pointer] && (
          <Text c="red" size="sm" role="alert">
            {errors[pointer]}
          </Text>
        )}
        {items.map((item, index) => (
          <Stack key={index} gap={4}>
            <SchemaNode
              schema={itemSchema}
              layout={layout}
              pointer={childPointer(pointer, index)}
              label={`${itemSchema.title ?? label} ${index + 1}`}
              required
              value={item}
              onChange={(next) => replace(index, next)}
              errors={errors}
              idPrefix={idPrefix}
            />
            <Button variant="subtle" color="red" size="compact-sm" w="fit-content" onClick={() => onChange(items.filter((_, i) => i !== index))}>
              {t('tthc.eform.removeItem', { index: index + 1 })}
            </Button>
          </Stack>
        ))}
        <Group>
          <Button variant="light" size="compact-sm" disabled={items.length >= max} onClick={() => onChange([...items, withDefaults(itemSchema, undefined)])}>
            {t('tthc.eform.addItem', { name: itemSchema.title ?? label })}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
