import { Badge, Button, Group, Select, SimpleGrid, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcAdminApi, type NoticeChannel, type NoticeEvent, type NoticeTemplate } from '../../../api/tthc-admin.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { adminKeys } from './lookups.ts';
import { NoticeTemplateModal } from './NoticeTemplateModal.tsx';
import { TableScroll } from '../../../components/TableScroll.tsx';

// In the order a dossier meets them. `filed` is named here until the generated API types know it.
const EVENTS = [
  'filed', 'received', 'supplement_requested', 'rejected', 'apologised', 'stopped', 'result_ready', 'completed', 'withdrawn', 'cancelled', 'step_due_soon', 'step_overdue',
] as const satisfies readonly NoticeEvent[];
// Fails to compile when the server gains a notice event this page does not list.
const everyEventListed: Exclude<NoticeEvent, (typeof EVENTS)[number]> extends never ? true : never = true;
void everyEventListed;
const CHANNELS: readonly NoticeChannel[] = ['email', 'sms', 'inapp'];

const excerpt = (text: string) => (text.length > 90 ? `${text.slice(0, 89)}…` : text);

/** The notices sent to applicants (mail, SMS, in-app), by event, channel and language. */
export function NoticeTemplatesPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: adminKeys.notices, queryFn: tthcAdminApi.noticeTemplates });
  const [event, setEvent] = useState<NoticeEvent | null>(null);
  const [channel, setChannel] = useState<NoticeChannel | null>(null);
  const [editing, setEditing] = useState<NoticeTemplate | null>(null);
  const items = (query.data?.items ?? [])
    .filter((tpl) => (!event || tpl.event === event) && (!channel || tpl.channel === channel))
    .sort((a, b) => (EVENTS as readonly NoticeEvent[]).indexOf(a.event) - (EVENTS as readonly NoticeEvent[]).indexOf(b.event) || CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel) || a.locale.localeCompare(b.locale));
  const name = (tpl: NoticeTemplate) => `${t(`tthcAdmin.notices.event.${tpl.event}`)} · ${t(`tthcAdmin.notices.channel.${tpl.channel}`)} · ${tpl.locale}`;

  return (
    <>
      <PageHeader title={t('tthcAdmin.notices.title')} description={t('tthcAdmin.notices.description')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={640} mb="md">
        <Select
          label={t('tthcAdmin.notices.eventLabel')}
          data={EVENTS.map((e) => ({ value: e, label: t(`tthcAdmin.notices.event.${e}`) }))}
          value={event}
          onChange={(v) => setEvent(v as NoticeEvent | null)}
          clearable
        />
        <Select
          label={t('tthcAdmin.notices.channelLabel')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`tthcAdmin.notices.channel.${c}`) }))}
          value={channel}
          onChange={(v) => setChannel(v as NoticeChannel | null)}
          clearable
        />
      </SimpleGrid>
      <QueryState isPending={query.isPending} error={query.error} isEmpty={items.length === 0} emptyText={t('tthcAdmin.notices.empty')}>
        <TableScroll minWidth={860} label={t('tthcAdmin.notices.title')}>
          <Table striped highlightOnHover aria-label={t('tthcAdmin.notices.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tthcAdmin.notices.eventLabel')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.notices.channelLabel')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.notices.locale')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.notices.content')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.notices.updated')}</Table.Th>
                <Table.Th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((tpl) => (
                <Table.Tr key={`${tpl.event}/${tpl.channel}/${tpl.locale}`}>
                  <Table.Td>{t(`tthcAdmin.notices.event.${tpl.event}`)}</Table.Td>
                  <Table.Td miw={150}>
                    <Badge variant="light" color={tpl.channel === 'sms' ? 'orange' : tpl.channel === 'email' ? 'sen' : 'gray'}>
                      {t(`tthcAdmin.notices.channel.${tpl.channel}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{tpl.locale}</Table.Td>
                  <Table.Td>
                    {tpl.subject && (
                      <Text size="sm" fw={600}>
                        {tpl.subject}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {excerpt(tpl.body)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="xs">{formatDateTime(tpl.updatedAt)}</Text>
                    <Text size="xs" c="dimmed">
                      v{tpl.version}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group justify="flex-end">
                      <Button size="compact-sm" variant="light" onClick={() => setEditing(tpl)}>
                        {t('common.edit')}
                        <span className="sr-only"> {name(tpl)}</span>
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <Text size="sm" c="dimmed" mt="sm">
          {t('common.totalCount', { count: items.length })}
        </Text>
      </QueryState>
      {editing && <NoticeTemplateModal template={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
