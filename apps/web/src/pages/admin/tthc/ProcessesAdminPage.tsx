import { Button } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveFile, tthcAdminApi, type VersionSummary } from '../../../api/tthc-admin.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { AdminErrorAlert } from './AdminErrorAlert.tsx';
import { adminKeys } from './lookups.ts';
import { ProcessDraftEditor } from './ProcessDraftEditor.tsx';
import { ProcessGraphView } from './ProcessGraphView.tsx';
import { VersionedDocumentsPage } from './VersionedDocuments.tsx';
import { initialVersion, VersionHeader } from './VersionHeader.tsx';

/** Process definitions (quy trình nội bộ): versions drawn as diagrams, drafts edited, published, exported as BPMN. */
export function ProcessesAdminPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: adminKeys.processes, queryFn: tthcAdminApi.processes });
  return (
    <VersionedDocumentsPage
      title={t('tthcAdmin.processes.title')}
      description={t('tthcAdmin.processes.description')}
      listLabel={t('tthcAdmin.processes.listLabel')}
      list={list}
      selectHint={t('tthcAdmin.processes.selectHint')}
      newTitle={(key) => t('tthcAdmin.processes.newTitle', { key })}
      renderNew={(key, onSaved, onCancel) => <ProcessDraftEditor processKey={key} onSaved={onSaved} onCancel={onCancel} />}
      renderDetail={(summary) => <ProcessDetail summary={summary} />}
    />
  );
}

function ProcessDetail({ summary }: { summary: VersionSummary }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(() => initialVersion(summary));
  const [editing, setEditing] = useState(false);
  const view = useQuery({ queryKey: [...adminKeys.processes, summary.key, version], queryFn: () => tthcAdminApi.process(summary.key, version) });
  const bpmn = useMutation({
    mutationFn: async () => saveFile(await tthcAdminApi.processBpmn(summary.key, version), `${summary.key}-v${version}.bpmn`),
  });

  if (editing && view.data) {
    const onSaved = (saved: number) => {
      setEditing(false);
      setVersion(saved);
    };
    return <ProcessDraftEditor processKey={summary.key} from={view.data} onSaved={onSaved} onCancel={() => setEditing(false)} />;
  }
  return (
    <>
      <VersionHeader
        summary={summary}
        title={view.data?.name ?? summary.title}
        version={version}
        onVersion={setVersion}
        onEdit={view.data ? () => setEditing(true) : undefined}
        publish={(v) => tthcAdminApi.publishProcess(summary.key, v)}
        invalidate={adminKeys.processes}
        actions={
          <Button size="sm" variant="default" loading={bpmn.isPending} onClick={() => bpmn.mutate()}>
            {t('tthcAdmin.processes.bpmn')}
          </Button>
        }
      />
      <AdminErrorAlert error={bpmn.error} />
      <QueryState isPending={view.isPending} error={view.error}>
        {view.data && <ProcessGraphView graph={view.data.graph} title={t('tthcAdmin.processes.graphTitle', { name: view.data.name, version })} />}
      </QueryState>
    </>
  );
}
