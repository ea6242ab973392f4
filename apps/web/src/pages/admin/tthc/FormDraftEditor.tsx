import { SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { issuesOf, tthcAdminApi, type FormVersion } from '../../../api/tthc-admin.ts';
import { AdminErrorAlert } from './AdminErrorAlert.tsx';
import { JsonEditor, parseObject, pretty } from './JsonEditor.tsx';
import { adminKeys } from './lookups.ts';
import { FormActions } from '../../../components/FormActions.tsx';

/** A new e-form starts as a one-field form that compiles, so the first save already succeeds. */
const STARTER_SCHEMA = {
  type: 'object',
  properties: { hoTen: { type: 'string', title: 'Họ và tên', minLength: 1, maxLength: 100 } },
  required: ['hoTen'],
  additionalProperties: false,
};
const STARTER_LAYOUT = { order: ['hoTen'] };

interface Props {
  formKey: string;
  /** The version the draft starts from; none for a new form. */
  from?: FormVersion;
  onSaved: (version: number) => void;
  onCancel: () => void;
}

/** Writes the draft version of an e-form: title, JSON Schema and layout hints. */
export function FormDraftEditor({ formKey, from, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(from?.title ?? '');
  const [schema, setSchema] = useState(() => pretty(from?.schema ?? STARTER_SCHEMA));
  const [layout, setLayout] = useState(() => pretty(from?.layout ?? STARTER_LAYOUT));
  const [tried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: (body: { title: string; schema: Record<string, unknown>; layout: Record<string, unknown> }) => tthcAdminApi.saveFormDraft(formKey, body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.forms });
      onSaved(saved.version);
    },
  });
  // The server reports a schema that does not compile at path '' (the whole schema) or by field.
  const issues = issuesOf(save.error);
  const titleIssue = issues.find((i) => i.path === 'title')?.message;
  const parsedSchema = parseObject(schema);
  const parsedLayout = parseObject(layout);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (title.trim() && parsedSchema && parsedLayout) save.mutate({ title: title.trim(), schema: parsedSchema, layout: parsedLayout });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('tthcAdmin.forms.editDraft', { key: formKey })}>
      <Stack>
        <Text size="sm">{from ? t('tthcAdmin.forms.draftFrom', { version: from.version }) : t('tthcAdmin.forms.draftNew')}</Text>
        <TextInput
          label={t('tthcAdmin.forms.formTitle')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
          maxLength={300}
          error={(tried && !title.trim() ? t('form.required') : undefined) ?? titleIssue}
        />
        <SimpleGrid cols={{ base: 1, xl: 2 }}>
          <JsonEditor
            label={t('tthcAdmin.forms.schema')}
            description={t('tthcAdmin.forms.schemaHint')}
            value={schema}
            onChange={setSchema}
            issues={issues.filter((i) => i.path !== 'title')}
            issuesTitle={t('tthcAdmin.forms.schemaIssues')}
            minRows={18}
          />
          <JsonEditor label={t('tthcAdmin.forms.layout')} description={t('tthcAdmin.forms.layoutHint')} value={layout} onChange={setLayout} minRows={18} />
        </SimpleGrid>
        {tried && (!parsedSchema || !parsedLayout) && (
          <Text size="sm" c="red.8" role="alert">
            {t('tthcAdmin.json.fixFirst')}
          </Text>
        )}
        {issues.length === 0 && <AdminErrorAlert error={save.error} />}
        <FormActions onCancel={onCancel} saving={save.isPending} submitLabel={t('tthcAdmin.versions.saveDraft')} />
      </Stack>
    </form>
  );
}
