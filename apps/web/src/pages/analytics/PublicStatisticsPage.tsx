import { Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi, type PublicAgencyRow } from '../../api/analytics.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLocalisedError } from '../tthc/common/errors.ts';
import { PERIOD_FORMAT, decimal, percent } from './format.ts';

/** /thong-ke — each agency's on-time rate, online share and ratings, for everyone (aggregates only, never a person). */
export function PublicStatisticsPage() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const year = String(new Date().getFullYear());
  const [draft, setDraft] = useState(year);
  const [period, setPeriod] = useState(year);
  const agencies = useQuery({ queryKey: ['analytics', 'public', period], queryFn: () => analyticsApi.publicAgencies(period) });
  const draftError = PERIOD_FORMAT.test(draft) ? undefined : t('analytics.periodInvalid');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draftError) setPeriod(draft);
  };
  const columns: Column<PublicAgencyRow>[] = [
    { key: 'name', header: t('analytics.groupBy.agency'), cell: (a) => a.name },
    { key: 'received', header: t('analytics.received'), cell: (a) => String(a.received), numeric: true, priority: 'secondary' },
    { key: 'finished', header: t('analytics.finished'), cell: (a) => String(a.finished), numeric: true, priority: 'secondary' },
    { key: 'rate', header: t('analytics.onTimeRate'), cell: (a) => percent(a.onTimeRate), numeric: true },
    { key: 'online', header: t('analytics.onlineShare'), cell: (a) => percent(a.onlineShare), numeric: true },
    { key: 'rating', header: t('analytics.rating'), cell: (a) => (a.ratingCount ? `${decimal(a.ratingAverage)} (${a.ratingCount})` : '–'), numeric: true },
  ];
  return (
    <>
      <PageHeader title={t('analytics.public.title')} description={t('analytics.public.description')}
        actions={<Anchor component={Link} to="/thong-ke/bang-dieu-khien">{t('analytics.public.dashboards')}</Anchor>} />
      <Stack gap="md">
        <form onSubmit={submit} noValidate>
          <Group align="flex-end">
            <TextInput id="public-period" label={t('analytics.period')} description={t('analytics.periodHint')} value={draft} onChange={(e) => setDraft(e.currentTarget.value.trim())} error={draftError} style={{ width: 220 }} />
            <Button type="submit">{t('analytics.show')}</Button>
          </Group>
        </form>
        <DataTable caption={t('analytics.public.caption', { period })} columns={columns} rows={agencies.data?.agencies} rowKey={(a) => a.agencyId}
          isPending={agencies.isPending} error={localised(agencies.error)} emptyText={t('analytics.empty')} />
      </Stack>
    </>
  );
}
