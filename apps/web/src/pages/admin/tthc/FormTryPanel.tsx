import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcAdminApi } from '../../../api/tthc-admin.ts';
import { AdminErrorAlert } from './AdminErrorAlert.tsx';
import { IssueList, JsonEditor, parseObject, pretty } from './JsonEditor.tsx';

type Schema = { type?: unknown; title?: unknown; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; const?: unknown; default?: unknown };

/** The title of the field at a JSON Pointer (`/land/areaM2` → "Diện tích thửa đất (m²)"), when the schema gives one. */
function fieldTitle(schema: Schema | undefined, pointer: string): string | undefined {
  let node = schema;
  for (const segment of pointer.split('/').slice(1)) node = /^\d+$/.test(segment) ? node?.items : node?.properties?.[segment];
  return typeof node?.title === 'string' ? node.title : undefined;
}

/** Data shaped like the schema (empty texts, zeros, first choices), to edit into a test case. */
export function sampleFromSchema(schema: Schema): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, child]) => [key, sampleFromSchema(child)]));
    case 'array':
      return [];
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    default:
      return '';
  }
}

/**
 * "Try it": checks sample data as an applicant's form would be checked. The API validates
 * against the newest published version only, so the panel says which version that is.
 */
export function FormTryPanel({ formKey, publishedVersion, schema }: { formKey: string; publishedVersion: number | null; schema?: Record<string, unknown> }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => pretty(schema ? sampleFromSchema(schema as Schema) : {}));
  const check = useMutation({ mutationFn: (data: Record<string, unknown>) => tthcAdminApi.validateForm(formKey, data) });
  const data = parseObject(text);
  const issues = (check.data?.errors ?? []).map((e) => ({ path: e.field || '/', label: fieldTitle(schema as Schema | undefined, e.field), message: e.message, messageEn: e.messageEn }));

  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('tthcAdmin.forms.tryTitle')}
      </Title>
      {publishedVersion === null ? (
        <Text size="sm" c="dimmed">
          {t('tthcAdmin.forms.tryNeedsPublished')}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('tthcAdmin.forms.tryAgainst', { version: publishedVersion })}
          </Text>
          <JsonEditor label={t('tthcAdmin.forms.sampleData')} value={text} onChange={setText} minRows={8} />
          <Group>
            <Button size="sm" variant="light" disabled={!data} loading={check.isPending} onClick={() => data && check.mutate(data)}>
              {t('tthcAdmin.forms.tryCheck')}
            </Button>
            {schema && (
              <Button size="sm" variant="subtle" onClick={() => setText(pretty(sampleFromSchema(schema as Schema)))}>
                {t('tthcAdmin.forms.trySample')}
              </Button>
            )}
          </Group>
          <div aria-live="polite">
            {check.data?.valid && (
              <Alert color="sen" variant="light" title={t('tthcAdmin.forms.tryValid')}>
                {t('tthcAdmin.forms.tryValidText')}
              </Alert>
            )}
          </div>
          <IssueList issues={issues} title={t('tthcAdmin.forms.tryInvalid', { count: issues.length })} />
          <AdminErrorAlert error={check.error} />
        </>
      )}
    </Stack>
  );
}
