import { Anchor, Badge, Button, Card, Group, Stack, Tabs, Text } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { storeApi, type PersonalDataRead, type StoreDocument, type StoreShare } from '../../../api/store.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { download } from '../common/download.ts';
import { useLocalisedError } from '../common/errors.ts';
import { TthcErrorAlert } from '../common/TthcErrorAlert.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { TrueCopyMark } from './TrueCopyMark.tsx';

const PAGE_SIZE = 20;

/** /kho-du-lieu — the signed-in citizen's e-data store: documents, links shared, who read their data. */
export function StorePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('tthc.store.title')} description={t('tthc.store.description')} />
      <Tabs defaultValue="documents" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="documents">{t('tthc.store.tabs.documents')}</Tabs.Tab>
          <Tabs.Tab value="shares">{t('tthc.store.tabs.shares')}</Tabs.Tab>
          <Tabs.Tab value="access-log">{t('tthc.store.tabs.accessLog')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="documents" pt="md"><Documents /></Tabs.Panel>
        <Tabs.Panel value="shares" pt="md"><Shares /></Tabs.Panel>
        <Tabs.Panel value="access-log" pt="md"><AccessLog /></Tabs.Panel>
      </Tabs>
    </>
  );
}

function Documents() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const [sharing, setSharing] = useState<StoreDocument>();
  const query = useQuery({ queryKey: ['tthc', 'store', 'documents'], queryFn: storeApi.documents });
  const save = useMutation({ mutationFn: (d: StoreDocument) => download(() => storeApi.file(d.id), d.fileName) });
  const columns: Column<StoreDocument>[] = [
    {
      key: 'title', header: t('tthc.store.columns.title'), priority: 'key',
      cell: (d) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>{d.title}</Text>
          <Text size="xs" c="dimmed">{d.fileName}</Text>
          {d.result && (
            <>
              <Text size="xs">{t('tthc.store.result', { number: d.result.number, agency: d.result.agencyName, status: t(`results.statuses.${d.result.status}`) })}</Text>
              {/* The code printed on the signed result: the public verification page (server-rendered) checks it. */}
              <Text size="xs">
                {t('tthc.store.resultCode')} <Text span ff="monospace" size="xs" data-testid="result-code">{d.result.code}</Text>
                {' · '}
                <Anchor href={`/xac-minh?ma=${encodeURIComponent(d.result.code)}`} size="xs">
                  {t('tthc.store.verify')}<span className="sr-only"> {d.title}</span>
                </Anchor>
              </Text>
            </>
          )}
        </Stack>
      ),
    },
    { key: 'source', header: t('tthc.store.columns.source'), cell: (d) => <Badge variant="light" tt="none">{t(`tthc.store.source.${d.source}`)}</Badge> },
    { key: 'holder', header: t('tthc.store.columns.holder'), cell: (d) => t(`tthc.store.holder.${d.holderKind}`, { id: d.holder }) },
    { key: 'at', header: t('tthc.store.columns.at'), cell: (d) => formatDateTime(d.at) },
    { key: 'mark', header: t('tthc.store.columns.mark'), cell: (d) => <TrueCopyMark certification={d.certification} /> },
    {
      key: 'actions', header: t('tthc.store.columns.actions'),
      cell: (d) => (
        <Group gap={4} wrap="nowrap">
          <Button size="compact-sm" variant="light" onClick={() => save.mutate(d)} loading={save.isPending && save.variables?.id === d.id}>
            {t('tthc.store.download')}<span className="sr-only"> {d.title}</span>
          </Button>
          <Button size="compact-sm" variant="subtle" onClick={() => setSharing(d)}>
            {t('tthc.store.share')}<span className="sr-only"> {d.title}</span>
          </Button>
        </Group>
      ),
    },
  ];
  return (
    <Card withBorder>
      <TthcErrorAlert error={save.error} />
      <DataTable
        caption={t('tthc.store.tabs.documents')} columns={columns} rows={query.data?.items} rowKey={(d) => d.id} rowData={(d) => ({ 'data-document': d.id })}
        isPending={query.isPending} error={localised(query.error)} emptyText={t('tthc.store.empty')} minWidth={820}
      />
      {sharing && <ShareDialog document={sharing} onClose={() => setSharing(undefined)} />}
    </Card>
  );
}

function Shares() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['tthc', 'store', 'shares'], queryFn: storeApi.shares });
  const revoke = useMutation({ mutationFn: (id: string) => storeApi.revoke(id), onSuccess: () => client.invalidateQueries({ queryKey: ['tthc', 'store', 'shares'] }) });
  const columns: Column<StoreShare>[] = [
    { key: 'document', header: t('tthc.store.shares.document'), priority: 'key', cell: (s) => s.documentTitle },
    { key: 'recipient', header: t('tthc.store.shares.recipient'), cell: (s) => s.recipientLabel },
    { key: 'expiresAt', header: t('tthc.store.shares.expiresAt'), cell: (s) => formatDateTime(s.expiresAt) },
    { key: 'status', header: t('tthc.store.shares.status'), cell: (s) => <Badge variant="light" tt="none" color={s.status === 'active' ? 'teal' : 'gray'}>{t(`tthc.store.shares.statusLabels.${s.status}`)}</Badge> },
    { key: 'lastUsed', header: t('tthc.store.shares.lastUsed'), cell: (s) => (s.lastUsedAt ? formatDateTime(s.lastUsedAt) : '—') },
    {
      key: 'actions', header: t('tthc.store.columns.actions'),
      cell: (s) => s.status === 'active' && (
        <Button size="compact-sm" variant="subtle" color="red" onClick={() => revoke.mutate(s.id)} loading={revoke.isPending && revoke.variables === s.id}>
          {t('tthc.store.shares.revoke')}<span className="sr-only"> {s.documentTitle}, {s.recipientLabel}</span>
        </Button>
      ),
    },
  ];
  return (
    <Card withBorder>
      <TthcErrorAlert error={revoke.error} />
      <DataTable
        caption={t('tthc.store.shares.caption')} columns={columns} rows={query.data?.items} rowKey={(s) => s.id}
        isPending={query.isPending} error={localised(query.error)} emptyText={t('tthc.store.shares.empty')} minWidth={720}
      />
    </Card>
  );
}

function AccessLog() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ['tthc', 'store', 'access-log', page],
    queryFn: () => storeApi.accessLog({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const columns: Column<PersonalDataRead>[] = [
    { key: 'at', header: t('tthc.store.accessLog.at'), cell: (r) => formatDateTime(r.at) },
    {
      key: 'reader', header: t('tthc.store.accessLog.reader'), priority: 'key',
      cell: (r) => (
        <Stack gap={0}>
          <Text size="sm">{r.readerName}</Text>
          <Text size="xs" c="dimmed">{t(`tthc.store.accessLog.readerKinds.${r.readerKind}`)}</Text>
        </Stack>
      ),
    },
    { key: 'agency', header: t('tthc.store.accessLog.agency'), cell: (r) => r.agencyName ?? '—' },
    { key: 'what', header: t('tthc.store.accessLog.what'), cell: (r) => r.what },
    { key: 'purpose', header: t('tthc.store.accessLog.purpose'), cell: (r) => r.purpose },
    { key: 'subject', header: t('tthc.store.accessLog.subject'), cell: (r) => t(`tthc.store.holder.${r.subjectKind}`, { id: r.subject }) },
  ];
  return (
    <Card withBorder>
      <Text size="sm" mb="sm">{t('tthc.store.accessLog.intro')}</Text>
      <DataTable
        caption={t('tthc.store.accessLog.caption')} columns={columns} rows={query.data?.items} rowKey={(r) => `${r.at}|${r.what}|${r.readerName}|${r.subject}`}
        isPending={query.isPending} error={localised(query.error)} emptyText={t('tthc.store.accessLog.empty')} minWidth={900}
        pagination={{ total: query.data?.total ?? 0, pageSize: PAGE_SIZE, page, onChange: setPage }}
      />
    </Card>
  );
}
