import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { tthcApi, type Draft } from '../../../api/tthc.ts';
import { isRecord } from '../../../components/eform/schema.ts';
import type { Filing } from '../filing/useFiling.ts';

/**
 * Saving the wizard as a draft and resuming it (?draft=id). Drafts hold the parts only: the
 * API's draft has no place for the applicant's contact details, so those are typed again.
 */
export function useDraft(filing: Filing, offeringId: string | undefined, draftId: string | undefined) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<{ id: string; version: number; at: string } | null>(null);
  const loadedQuery = useQuery({ queryKey: ['tthc', 'draft', draftId], queryFn: () => tthcApi.draft(draftId!), enabled: !!draftId, staleTime: Infinity });
  const [restored, setRestored] = useState<string | null>(null);

  // Restore once per draft, while rendering (no effect: the form must not flash empty).
  const loaded = loadedQuery.data;
  if (loaded && restored !== loaded.id) {
    setRestored(loaded.id);
    setSaved({ id: loaded.id, version: loaded.version, at: loaded.updatedAt });
    filing.load({
      values: Object.fromEntries(Object.entries(loaded.formData).filter(([, v]) => isRecord(v))),
      files: loaded.files.map((f) => ({ uploadId: f.uploadId, partCode: f.partCode, fileName: f.fileName ?? f.uploadId })),
    });
  }

  const save = useMutation({
    mutationFn: (): Promise<Draft> => {
      const body = { formData: filing.values, files: filing.files.map(({ uploadId, partCode, fileName }) => ({ uploadId, partCode, fileName: fileName.slice(0, 200) })) };
      return saved ? tthcApi.updateDraft(saved.id, { ...body, expectedVersion: saved.version }) : tthcApi.createDraft({ ...body, offeringId: offeringId! });
    },
    onSuccess: (draft) => {
      setSaved({ id: draft.id, version: draft.version, at: draft.updatedAt });
      void queryClient.invalidateQueries({ queryKey: ['tthc', 'drafts'] });
    },
  });

  /** After filing, the draft has served its purpose. */
  const discard = () => {
    if (saved) void tthcApi.deleteDraft(saved.id).then(() => queryClient.invalidateQueries({ queryKey: ['tthc', 'drafts'] }), () => {});
  };

  return { saved, save, discard, loading: loadedQuery.isPending && !!draftId, loadError: loadedQuery.error };
}
