import { Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { issuesOf, tthcAdminApi, type ProcessView } from '../../../api/tthc-admin.ts';
import { AdminErrorAlert } from './AdminErrorAlert.tsx';
import { JsonEditor, parseObject, pretty } from './JsonEditor.tsx';
import { adminKeys } from './lookups.ts';
import { FormActions } from '../../../components/FormActions.tsx';

/**
 * Where a new process starts: the usual desk → specialist → leader chain (as in
 * modules/tthc/process/process.samples.ts), valid as it is, so an editor changes rather than types it all.
 */
const STARTER = {
  start: 'tiep_nhan',
  steps: [
    { id: 'tiep_nhan', name: 'Chuyển hồ sơ từ bộ phận một cửa', kind: 'task', permission: 'dossier.receive', agency: { kind: 'owner' }, durationDays: 0 },
    { id: 'tham_dinh', name: 'Thẩm định hồ sơ', kind: 'task', permission: 'dossier.process', agency: { kind: 'owner' }, durationDays: 5 },
    { id: 'phe_duyet', name: 'Phê duyệt kết quả', kind: 'task', permission: 'dossier.approve', agency: { kind: 'owner' }, durationDays: 2 },
  ],
  transitions: [
    { from: 'tiep_nhan', action: 'forward', label: 'Chuyển thẩm định', to: 'tham_dinh' },
    { from: 'tham_dinh', action: 'submit', label: 'Trình lãnh đạo', to: 'phe_duyet' },
    { from: 'phe_duyet', action: 'approve', label: 'Phê duyệt', to: 'end:approved' },
    { from: 'phe_duyet', action: 'deny', label: 'Từ chối giải quyết', to: 'end:denied', requiresComment: true },
    { from: 'phe_duyet', action: 'send_back', label: 'Trả lại chuyên viên', to: 'tham_dinh', requiresComment: true },
  ],
};

interface Props {
  processKey: string;
  /** The version the draft starts from; none for a new process. */
  from?: ProcessView;
  onSaved: (version: number) => void;
  onCancel: () => void;
}

/** Writes the draft version of a process (a new one, or replacing the current draft). */
export function ProcessDraftEditor({ processKey, from, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(from?.name ?? '');
  const [text, setText] = useState(() => pretty(from?.definition ?? STARTER));
  const [problem, setProblem] = useState<string | null>(null);
  const [jsonProblem, setJsonProblem] = useState(false);
  const save = useMutation({
    mutationFn: (definition: Record<string, unknown>) => tthcAdminApi.saveProcessDraft(processKey, { name: name.trim(), definition }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.processes });
      onSaved(saved.version);
    },
  });
  const issues = issuesOf(save.error);
  const nameIssue = issues.find((i) => i.path === 'name')?.message;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const definition = parseObject(text);
    setProblem(name.trim() ? null : t('form.required'));
    setJsonProblem(!definition);
    if (name.trim() && definition) save.mutate(definition);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('tthcAdmin.processes.editDraft', { key: processKey })}>
      <Stack>
        <Text size="sm">{from ? t('tthcAdmin.processes.draftFrom', { version: from.version }) : t('tthcAdmin.processes.draftNew')}</Text>
        <TextInput label={t('tthcAdmin.processes.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={300} error={problem ?? nameIssue} />
        <JsonEditor
          label={t('tthcAdmin.processes.definition')}
          description={t('tthcAdmin.processes.definitionHint')}
          value={text}
          onChange={setText}
          issues={issues.filter((i) => i.path !== 'name')}
          minRows={16}
        />
        {jsonProblem && !parseObject(text) && (
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
