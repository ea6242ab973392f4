import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { tthcApi } from '../../../api/tthc.ts';
import { formatDateTime } from '../../../lib/format.ts';

/** The latest in-app notices (received, supplement requested, result ready…); opening one marks it read. */
export function NoticesList() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const notices = useQuery({ queryKey: ['tthc', 'notifications'], queryFn: () => tthcApi.notifications(5) });
  const read = useMutation({ mutationFn: tthcApi.markRead, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tthc', 'notifications'] }) });
  const items = notices.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="mine-notices" mb="md">
      <Title order={2} size="h4" id="mine-notices" mb="sm">
        {t('tthc.mine.notices')}
      </Title>
      <Stack gap="xs">
        {items.map((n) => (
          <div key={n.id}>
            <Text size="sm" fw={n.readAt ? 400 : 700}>
              {n.dossierId ? (
                <Anchor component={Link} to={`/my-dossiers/${n.dossierId}`} onClick={() => !n.readAt && read.mutate(n.id)} inherit>
                  {n.title}
                </Anchor>
              ) : (
                n.title
              )}
              {!n.readAt && <span className="sr-only"> ({t('tthc.mine.unread')})</span>}
            </Text>
            <Text size="xs" c="dimmed">{formatDateTime(n.createdAt)}</Text>
            <Text size="sm">{n.body}</Text>
          </div>
        ))}
      </Stack>
    </Card>
  );
}
