import { Badge, Button, Group, Select, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../api/tthc-admin.ts';
import { AdminErrorAlert } from './AdminErrorAlert.tsx';

export type VersionStatus = 'published' | 'draft' | 'superseded';

/** What a version is to the people filing and processing dossiers. */
export function versionStatus(summary: VersionSummary, version: number): VersionStatus {
  if (version === summary.publishedVersion) return 'published';
  if (version === summary.draftVersion) return 'draft';
  return 'superseded';
}

/** The version to open first: the draft being worked on, else what is in force. */
export const initialVersion = (summary: VersionSummary) => summary.draftVersion ?? summary.publishedVersion ?? summary.latestVersion;

const STATUS_COLOUR: Record<VersionStatus, string> = { draft: 'orange', published: 'sen', superseded: 'gray' };

interface Props {
  summary: VersionSummary;
  /** The title of the version shown (it may differ from the newest one's). */
  title: string;
  version: number;
  onVersion: (version: number) => void;
  /** Opens the draft editor, starting from the version shown. */
  onEdit?: () => void;
  publish: (version: number) => Promise<unknown>;
  /** Query key to refresh once a version is published. */
  invalidate: readonly unknown[];
  /** More actions for this kind of document (BPMN download). */
  actions?: ReactNode;
}

/** Heading, version picker, status and the draft's actions (edit, publish) of a form or a process. */
export function VersionHeader({ summary, title, version, onVersion, onEdit, publish, invalidate, actions }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = versionStatus(summary, version);
  const publishing = useMutation({ mutationFn: () => publish(version), onSuccess: () => queryClient.invalidateQueries({ queryKey: invalidate }) });
  const versions = Array.from({ length: summary.latestVersion }, (_, i) => summary.latestVersion - i).map((v) => ({
    value: String(v),
    label: `v${v} — ${t(`tthcAdmin.versions.status.${versionStatus(summary, v)}`)}`,
  }));

  return (
    <>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          <Text size="sm" c="dimmed" ff="monospace">
            {summary.key}
          </Text>
        </div>
        <Select label={t('tthcAdmin.versions.version')} data={versions} value={String(version)} onChange={(v) => v && onVersion(Number(v))} allowDeselect={false} maw={260} />
      </Group>
      <Group gap="xs">
        <Badge variant="light" color={STATUS_COLOUR[status]}>
          {t(`tthcAdmin.versions.status.${status}`)}
        </Badge>
        <Button size="sm" variant="light" onClick={onEdit} disabled={!onEdit}>
          {status === 'draft' ? t('tthcAdmin.versions.editDraft') : t('tthcAdmin.versions.newDraftFrom', { version })}
        </Button>
        {status === 'draft' && <PublishButton version={version} loading={publishing.isPending} onConfirm={() => publishing.mutate()} />}
        {actions}
      </Group>
      {status !== 'draft' && summary.draftVersion !== null && (
        <Text size="sm" c="orange.9">
          {t('tthcAdmin.versions.draftExists', { version: summary.draftVersion })}
        </Text>
      )}
      <AdminErrorAlert error={publishing.error} />
      {publishing.isSuccess && (
        <Text size="sm" c="sen.8" role="status">
          {t('tthcAdmin.versions.published', { version })}
        </Text>
      )}
    </>
  );
}

/** Publishing changes what new dossiers follow, so it asks once more before it happens. */
function PublishButton({ version, loading, onConfirm }: { version: number; loading: boolean; onConfirm: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button size="sm" color="orange" variant="light" onClick={() => setAsking(true)}>
        {t('tthcAdmin.versions.publish', { version })}
      </Button>
    );
  }
  return (
    <Group gap={4} role="group" aria-label={t('tthcAdmin.versions.publish', { version })}>
      <Text size="sm">{t('tthcAdmin.versions.publishConfirm', { version })}</Text>
      {/* The question replaces the button that had the focus; its answer takes the focus instead. */}
      <Button size="compact-sm" color="orange" loading={loading} onClick={onConfirm} autoFocus>
        {t('tthcAdmin.versions.publishYes')}
      </Button>
      <Button size="compact-sm" variant="default" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </Button>
    </Group>
  );
}
