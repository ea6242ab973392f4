import { Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcApi, type RatingSummaryRow } from '../../../api/tthc.ts';
import { useAuth } from '../../../auth/AuthProvider.tsx';
import { AgencyPicker } from '../../../components/AgencyPicker.tsx';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLocalisedError } from '../common/errors.ts';
import { RATING_SCORES } from '../common/RatingForm.tsx';

type GroupBy = 'agency' | 'procedure';
const decimal = (value: number, digits: number) => value.toLocaleString('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * /workspace/ratings — applicants' satisfaction per agency or per procedure, for the agency
 * chosen and the agencies below it (within the official's grants).
 */
export function RatingsPage() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const { me } = useAuth();
  const [agencyId, setAgencyId] = useState<string | null>(me?.grants[0]?.agencyId ?? null);
  const [groupBy, setGroupBy] = useState<GroupBy>('agency');
  const summary = useQuery({
    queryKey: ['tthc', 'ratings', agencyId, groupBy],
    queryFn: () => tthcApi.ratingSummary({ agencyId: agencyId!, groupBy }),
    enabled: !!agencyId,
  });

  const columns: Column<RatingSummaryRow>[] = [
    groupBy === 'agency'
      ? { key: 'agency', header: t('tthc.ratings.agency'), cell: (r) => r.agencyName }
      : { key: 'procedure', header: t('tthc.ratings.procedure'), cell: (r) => `${r.procedureCode} · ${r.procedureName}` },
    ...(groupBy === 'procedure' ? [{ key: 'agency', header: t('tthc.ratings.agency'), cell: (r: RatingSummaryRow) => r.agencyName, priority: 'secondary' as const }] : []),
    { key: 'count', header: t('tthc.ratings.count'), cell: (r) => String(r.count), numeric: true },
    { key: 'satisfied', header: t('tthc.ratings.satisfied'), cell: (r) => `${decimal(r.satisfiedPercent, 1)} %`, numeric: true },
    { key: 'average', header: t('tthc.ratings.average'), cell: (r) => decimal(r.average, 2), numeric: true, priority: 'secondary' },
    ...RATING_SCORES.map((s) => ({
      key: `score-${s}`, header: t(`tthc.rating.scores.${s}`), cell: (r: RatingSummaryRow) => String(r.distribution[s - 1] ?? 0), numeric: true, priority: 'secondary' as const,
    })),
  ];

  return (
    <>
      <PageHeader title={t('tthc.ratings.title')} description={t('tthc.ratings.description')} />
      <Stack gap="md">
        <Group align="flex-end" wrap="wrap">
          <div style={{ minWidth: 280, flex: '1 1 420px' }}>
            <AgencyPicker id="ratings-agency" label={t('tthc.ratings.agencyPicker')} value={agencyId} onChange={(id) => id && setAgencyId(id)} />
          </div>
          <SegmentedControl
            aria-label={t('tthc.ratings.groupBy')}
            value={groupBy}
            onChange={(value) => setGroupBy(value as GroupBy)}
            data={[{ value: 'agency', label: t('tthc.ratings.byAgency') }, { value: 'procedure', label: t('tthc.ratings.byProcedure') }]}
          />
        </Group>
        {!agencyId && <Text c="dimmed">{t('tthc.queue.chooseAgency')}</Text>}
        {agencyId && (
          <DataTable
            caption={groupBy === 'agency' ? t('tthc.ratings.captionAgency') : t('tthc.ratings.captionProcedure')}
            columns={columns}
            rows={summary.data?.items}
            rowKey={(r) => `${r.agencyId}:${r.procedureCode ?? ''}`}
            isPending={summary.isPending}
            error={localised(summary.error)}
            emptyText={t('tthc.ratings.empty')}
            minWidth={860}
          />
        )}
      </Stack>
    </>
  );
}
