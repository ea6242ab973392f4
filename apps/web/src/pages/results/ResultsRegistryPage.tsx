import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NEXT_STATUSES, RESULT_KINDS, RESULT_STATUSES, resultsApi, type RegisteredResult, type ResultKind, type ResultStatus, type ResultStatusChange } from '../../api/results.ts';
import { useAuth } from '../../auth/AuthProvider.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { download } from '../tthc/common/download.ts';
import { useLocalisedError } from '../tthc/common/errors.ts';

const PAGE_SIZE = 20;
const STATUS_COLOURS: Record<ResultStatus, string> = { valid: 'green', amended: 'blue', replaced: 'gray', revoked: 'red', expired: 'gray' };

/**
 * /workspace/results — the results registry for officials: search every result issued (number,
 * title, holder, code), open one to see its history, verify its signatures and download it, and,
 * with `result.manage` at the issuing agency, mark it amended, replaced, revoked or expired.
 */
export function ResultsRegistryPage() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState<{ q?: string; kind?: ResultKind; status?: ResultStatus }>({});
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const results = useQuery({
    queryKey: ['results', search, page],
    queryFn: () => resultsApi.search({ ...search, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch((s) => ({ ...s, q: draft.trim() || undefined }));
    setPage(1);
  };
  const columns: Column<RegisteredResult>[] = [
    { key: 'number', header: t('resultsRegistry.number'), cell: (r) => <Button variant="subtle" size="compact-sm" onClick={() => setOpen(r.code)} aria-label={t('resultsRegistry.openResult', { number: r.number })}>{r.number}</Button> },
    { key: 'title', header: t('resultsRegistry.resultTitle'), cell: (r) => r.title },
    { key: 'holder', header: t('resultsRegistry.holder'), cell: (r) => r.holderName },
    { key: 'status', header: t('resultsRegistry.status'), cell: (r) => <StatusBadge status={r.status} /> },
    { key: 'code', header: t('resultsRegistry.code'), cell: (r) => <code>{r.code}</code>, priority: 'secondary' },
    { key: 'agency', header: t('resultsRegistry.agency'), cell: (r) => r.agencyName, priority: 'secondary' },
    { key: 'issued', header: t('resultsRegistry.issuedAt'), cell: (r) => formatDate(r.issuedAt), priority: 'secondary' },
  ];
  return (
    <>
      <PageHeader title={t('resultsRegistry.title')} description={t('resultsRegistry.description')} />
      <Stack gap="md">
        <form onSubmit={submit} role="search" aria-label={t('resultsRegistry.searchLabel')}>
          <Group align="flex-end" wrap="wrap">
            <TextInput style={{ flex: '1 1 280px' }} label={t('resultsRegistry.query')} description={t('resultsRegistry.queryHint')} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} maxLength={100} />
            <Select label={t('resultsRegistry.kind')} clearable value={search.kind ?? null} data={RESULT_KINDS.map((k) => ({ value: k, label: t(`resultsRegistry.kinds.${k}`) }))}
              onChange={(value) => { setSearch((s) => ({ ...s, kind: (value as ResultKind | null) ?? undefined })); setPage(1); }} />
            <Select label={t('resultsRegistry.status')} clearable value={search.status ?? null} data={RESULT_STATUSES.map((s) => ({ value: s, label: t(`results.statuses.${s}`) }))}
              onChange={(value) => { setSearch((s) => ({ ...s, status: (value as ResultStatus | null) ?? undefined })); setPage(1); }} />
            <Button type="submit">{t('resultsRegistry.search')}</Button>
          </Group>
        </form>
        <DataTable
          caption={t('resultsRegistry.caption')}
          columns={columns}
          rows={results.data?.items}
          rowKey={(r) => r.code}
          rowData={(r) => ({ 'data-code': r.code })}
          isPending={results.isPending}
          error={localised(results.error)}
          emptyText={t('resultsRegistry.empty')}
          pagination={results.data ? { total: results.data.total, pageSize: PAGE_SIZE, page, onChange: setPage } : undefined}
          minWidth={900}
        />
        {open && <ResultDetail code={open} />}
      </Stack>
    </>
  );
}

function StatusBadge({ status }: { status: ResultStatus }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLOURS[status]} variant="light" tt="none" maw="none">{t(`results.statuses.${status}`)}</Badge>;
}

function ResultDetail({ code }: { code: string }) {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const { canAny } = useAuth();
  const detail = useQuery({ queryKey: ['results', 'detail', code], queryFn: () => resultsApi.get(code) });
  const verification = useMutation({ mutationFn: () => resultsApi.verify(code) });
  const file = useMutation({ mutationFn: () => download(() => resultsApi.file(code), detail.data?.fileName ?? `${code}.pdf`) });
  if (!detail.data) return <ErrorAlert error={localised(detail.error)} />;
  const r = detail.data;
  const report = verification.data?.report;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="result-detail-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="result-detail-title">{r.number} — {r.title}</Title>
        <Group gap="xs"><StatusBadge status={r.status} /><Text size="sm">{t('resultsRegistry.code')}: <code>{r.code}</code></Text></Group>
        <Text size="sm">{t('resultsRegistry.holder')}: {r.holderName}{r.holderId ? ` (${r.holderId})` : ''} · {r.agencyName} · {t('resultsRegistry.issuedAt')} {formatDate(r.issuedAt)}</Text>
        <Group>
          <Button variant="light" onClick={() => verification.mutate()} loading={verification.isPending}>{t('resultsRegistry.verify')}</Button>
          <Button variant="default" onClick={() => file.mutate()} loading={file.isPending}>{t('resultsRegistry.download')}</Button>
        </Group>
        <ErrorAlert error={localised(verification.error ?? file.error)} />
        {report && (
          <Alert role="status" color={report.valid ? 'green' : 'red'} title={report.valid ? t('results.valid') : t('results.invalid')}>
            {report.signatures.map((s) => `${s.signer}: ${s.valid ? '✔' : '✘'} ${[...s.problems].join('; ')}`).join(' · ')}
          </Alert>
        )}
        <Title order={3} size="h4">{t('resultsRegistry.history')}</Title>
        <ol>
          {r.events.map((e) => <li key={`${e.at}-${e.toStatus}`}>{formatDateTime(e.at)} — {t(`results.statuses.${e.toStatus as ResultStatus}`)} — {e.fromStatus === null ? t('resultsRegistry.issued') : e.reason}{e.actor && e.actor !== 'system' ? ` (${e.actor})` : ''}</li>)}
        </ol>
        {canAny(['result.manage']) && NEXT_STATUSES[r.status].length > 0 && <StatusChangeForm code={code} from={r.status} />}
      </Stack>
    </Paper>
  );
}

function StatusChangeForm({ code, from }: { code: string; from: ResultStatus }) {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const client = useQueryClient();
  const [status, setStatus] = useState<ResultStatusChange['status'] | null>(null);
  const [reason, setReason] = useState('');
  const change = useMutation({
    mutationFn: (body: ResultStatusChange) => resultsApi.changeStatus(code, body),
    onSuccess: async () => {
      setStatus(null);
      setReason('');
      await client.invalidateQueries({ queryKey: ['results'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (status) change.mutate({ status, reason: reason.trim() });
  };
  return (
    <form onSubmit={submit} aria-labelledby="result-status-title">
      <Stack gap="xs">
        <Title order={3} size="h4" id="result-status-title">{t('resultsRegistry.changeStatus')}</Title>
        <Select label={t('resultsRegistry.newStatus')} required value={status} data={NEXT_STATUSES[from].map((s) => ({ value: s, label: t(`results.statuses.${s}`) }))}
          onChange={(value) => setStatus(value as ResultStatusChange['status'] | null)} />
        <Textarea label={t('resultsRegistry.reason')} required minLength={3} maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <ErrorAlert error={localised(change.error)} />
        <Group><Button type="submit" color="red" disabled={!status || reason.trim().length < 3} loading={change.isPending}>{t('resultsRegistry.save')}</Button></Group>
      </Stack>
    </form>
  );
}
