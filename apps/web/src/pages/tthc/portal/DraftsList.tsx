import { Button, Card, Group, List, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { tthcApi, type Draft } from '../../../api/tthc.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { SearchLink } from '../common/SearchLink.tsx';
import { TthcErrorAlert } from '../common/TthcErrorAlert.tsx';
import { useProcedure } from '../filing/useForms.ts';

/** Saved drafts, each resumable in the wizard. Hidden when there are none. */
export function DraftsList() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const drafts = useQuery({ queryKey: ['tthc', 'drafts'], queryFn: tthcApi.drafts });
  const items = drafts.data?.items ?? [];
  // A draft knows its offering only; the offerings say which procedure that is.
  const offerings = useQuery({ queryKey: ['tthc', 'offerings', 'all'], queryFn: tthcApi.allOfferings, enabled: items.length > 0, staleTime: 5 * 60_000 });
  const remove = useMutation({
    mutationFn: tthcApi.deleteDraft,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tthc', 'drafts'] }),
  });
  if (items.length === 0) return null;
  const procedureOf = (offeringId: string) => offerings.data?.items.find((o) => o.id === offeringId)?.procedureId;
  return (
    <Card withBorder component="section" aria-labelledby="mine-drafts" mb="md">
      <Title order={2} size="h4" id="mine-drafts" mb="sm">
        {t('tthc.mine.drafts')}
      </Title>
      <List spacing="xs" listStyleType="none" p={0}>
        {items.map((draft) => (
          <DraftRow key={draft.id} draft={draft} procedureId={procedureOf(draft.offeringId)} onRemove={() => remove.mutate(draft.id)} removing={remove.isPending && remove.variables === draft.id} />
        ))}
      </List>
      <TthcErrorAlert error={remove.error} />
    </Card>
  );
}

function DraftRow({ draft, procedureId, onRemove, removing }: { draft: Draft; procedureId?: string; onRemove: () => void; removing: boolean }) {
  const { t } = useTranslation();
  const procedure = useProcedure(procedureId);
  return (
    <List.Item>
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={600}>{procedure.data?.name ?? t('common.loading')}</Text>
        <Text size="xs" c="dimmed">{t('tthc.mine.draftSavedAt', { at: formatDateTime(draft.updatedAt) })}</Text>
        {procedureId && (
          <SearchLink to={`/services/${procedureId}/apply`} search={{ offering: draft.offeringId, draft: draft.id }} size="sm">
            {t('tthc.mine.resume')}
          </SearchLink>
        )}
        <Button size="compact-xs" variant="subtle" color="red" loading={removing} onClick={onRemove}>
          {t('common.remove')}
        </Button>
      </Group>
    </List.Item>
  );
}
