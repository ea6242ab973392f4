import { Divider, SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcAdminApi, type VersionSummary } from '../../../api/tthc-admin.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { FormDraftEditor } from './FormDraftEditor.tsx';
import { FormTryPanel } from './FormTryPanel.tsx';
import { JsonEditor, pretty } from './JsonEditor.tsx';
import { adminKeys } from './lookups.ts';
import { VersionedDocumentsPage } from './VersionedDocuments.tsx';
import { initialVersion, VersionHeader } from './VersionHeader.tsx';

/** E-forms (biểu mẫu điện tử): JSON Schema and layout per version; drafts edited, tried, published. */
export function FormsAdminPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: adminKeys.forms, queryFn: tthcAdminApi.forms });
  return (
    <VersionedDocumentsPage
      title={t('tthcAdmin.forms.title')}
      description={t('tthcAdmin.forms.description')}
      listLabel={t('tthcAdmin.forms.listLabel')}
      list={list}
      selectHint={t('tthcAdmin.forms.selectHint')}
      newTitle={(key) => t('tthcAdmin.forms.newTitle', { key })}
      renderNew={(key, onSaved, onCancel) => <FormDraftEditor formKey={key} onSaved={onSaved} onCancel={onCancel} />}
      renderDetail={(summary) => <FormDetail summary={summary} />}
    />
  );
}

const noop = () => undefined;

function FormDetail({ summary }: { summary: VersionSummary }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(() => initialVersion(summary));
  const [editing, setEditing] = useState(false);
  const formQuery = (v: number) => ({ queryKey: [...adminKeys.forms, summary.key, v], queryFn: () => tthcAdminApi.form(summary.key, v) });
  const view = useQuery(formQuery(version));
  // "Try it" checks against the published version, so its sample follows that version's schema.
  const published = useQuery({ ...formQuery(summary.publishedVersion ?? 0), enabled: summary.publishedVersion !== null });

  if (editing && view.data) {
    const onSaved = (saved: number) => {
      setEditing(false);
      setVersion(saved);
    };
    return <FormDraftEditor formKey={summary.key} from={view.data} onSaved={onSaved} onCancel={() => setEditing(false)} />;
  }
  return (
    <>
      <VersionHeader
        summary={summary}
        title={view.data?.title ?? summary.title}
        version={version}
        onVersion={setVersion}
        onEdit={view.data ? () => setEditing(true) : undefined}
        publish={(v) => tthcAdminApi.publishForm(summary.key, v)}
        invalidate={adminKeys.forms}
      />
      <QueryState isPending={view.isPending} error={view.error}>
        {view.data && (
          <SimpleGrid cols={{ base: 1, xl: 2 }}>
            <JsonEditor label={t('tthcAdmin.forms.schema')} value={pretty(view.data.schema)} onChange={noop} readOnly minRows={10} />
            <JsonEditor label={t('tthcAdmin.forms.layout')} value={pretty(view.data.layout)} onChange={noop} readOnly minRows={10} />
          </SimpleGrid>
        )}
      </QueryState>
      <Divider />
      <FormTryPanel key={published.data?.version ?? 0} formKey={summary.key} publishedVersion={summary.publishedVersion} schema={published.data?.schema} />
    </>
  );
}
