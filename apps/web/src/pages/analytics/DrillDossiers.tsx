import { Anchor, Button, Card, Group, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi, type DrillDossier, type DrillFigure, type ReportQuery } from '../../api/analytics.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { useLocalisedError } from '../tthc/common/errors.ts';

export interface Drill {
  figure: DrillFigure;
  label: string;
  filter: { agency?: string; procedure?: string; field?: string };
}

const PAGE = 20;

/** The dossiers behind one figure: each opens on the official's dossier page (their scope decides what opens). */
export function DrillDossiers({ query, drill, onClose }: { query: ReportQuery; drill: Drill; onClose: () => void }) {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['analytics', 'drill', query, drill, page],
    queryFn: () => analyticsApi.dossiers({ ...query, ...drill.filter, agency: drill.filter.agency ?? query.agency, figure: drill.figure, limit: PAGE, offset: (page - 1) * PAGE }),
  });
  const columns: Column<DrillDossier>[] = [
    { key: 'code', header: t('analytics.drill.code'), cell: (d) => <Anchor component={Link} to={`/workspace/dossiers/${d.dossierId}`} ff="monospace" size="sm">{d.code}</Anchor> },
    { key: 'procedure', header: t('analytics.drill.procedure'), cell: (d) => d.procedureName },
    { key: 'status', header: t('analytics.drill.status'), cell: (d) => t(`tthc.status.${d.status}`, { defaultValue: d.status }), priority: 'secondary' },
    { key: 'due', header: t('analytics.drill.due'), cell: (d) => d.dueOn ?? '–', priority: 'secondary' },
  ];
  return (
    <Card withBorder component="section" aria-labelledby="drill-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="drill-title">{t('analytics.drill.title', { figure: drill.label })}</Title>
        <Button variant="subtle" onClick={onClose}>{t('analytics.drill.close')}</Button>
      </Group>
      <DataTable
        caption={t('analytics.drill.title', { figure: drill.label })}
        columns={columns}
        rows={list.data?.items}
        rowKey={(d) => d.dossierId}
        isPending={list.isPending}
        error={localised(list.error)}
        emptyText={t('analytics.drill.empty')}
        pagination={list.data && list.data.total > PAGE ? { total: list.data.total, pageSize: PAGE, page, onChange: setPage } : undefined}
      />
    </Card>
  );
}
