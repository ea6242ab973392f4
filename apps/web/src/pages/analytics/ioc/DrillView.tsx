import { Anchor, Breadcrumbs, Button, Card, Group, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi, type DrillFigure, type OneStopReport } from '../../../api/analytics.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { useLocalisedError } from '../../tthc/common/errors.ts';
import { DrillDossiers } from '../DrillDossiers.tsx';
import type { Drill } from './PanelCard.tsx';

type Row = OneStopReport['rows'][number];
const COUNT: Partial<Record<DrillFigure, (r: Row['figures']) => number>> = {
  overdue: (f) => f.overdue, received: (f) => f.received.total, inProcessing: (f) => f.inProcessing,
};

/**
 * The way down from a panel: the province → the agency's procedures (with the figure the panel
 * counted, overdue by default) → the dossiers behind one count → the dossier (its own page).
 * The one-stop endpoints answer within the caller's scope.
 */
export function DrillView({ drill, onClose }: { drill: Drill; onClose: () => void }) {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const figure: DrillFigure = drill.figure && COUNT[drill.figure] ? drill.figure : 'overdue';
  const [procedure, setProcedure] = useState<{ key: string; label: string } | null>(drill.procedure ? { key: drill.procedure, label: drill.label } : null);
  const query = { period: drill.period, agency: drill.agency, groupBy: 'procedure' as const };
  const report = useQuery({ queryKey: ['analytics', 'one-stop', query], queryFn: () => analyticsApi.report(query), enabled: !!drill.agency });
  const agencyName = report.data?.agency.name ?? drill.label;
  const figureName = t(`ioc.figure.${figure}`);
  const count = COUNT[figure]!;

  const columns: Column<Row>[] = [
    { key: 'procedure', header: t('analytics.groupBy.procedure'), cell: (r) => r.label },
    {
      key: 'count', header: figureName, numeric: true,
      cell: (r) => (count(r.figures) > 0
        ? <Anchor component="button" type="button" onClick={() => setProcedure({ key: r.key, label: r.label })} aria-label={t('ioc.dossiersOf', { figure: figureName, name: r.label, count: count(r.figures) })}>{count(r.figures)}</Anchor>
        : '0'),
    },
  ];

  return (
    <Card withBorder component="section" aria-labelledby="ioc-drill-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="ioc-drill-title">{t('ioc.drillTitle', { name: agencyName, period: drill.period })}</Title>
        <Button variant="subtle" onClick={onClose}>{t('ioc.drillClose')}</Button>
      </Group>
      <Stack gap="sm">
        <Breadcrumbs aria-label={t('ioc.breadcrumb')}>
          <Anchor component="button" type="button" onClick={onClose}>{t('ioc.province')}</Anchor>
          {procedure
            ? <Anchor component="button" type="button" onClick={() => setProcedure(null)}>{agencyName}</Anchor>
            : <span aria-current="page">{agencyName}</span>}
          {procedure && <span aria-current="page">{procedure.label}</span>}
        </Breadcrumbs>
        {!procedure && (
          <DataTable caption={t('ioc.proceduresOf', { name: agencyName, figure: figureName })} columns={columns}
            rows={report.data?.rows.filter((r) => count(r.figures) > 0)} rowKey={(r) => r.key}
            isPending={report.isPending} error={localised(report.error)} emptyText={t('ioc.noneFigure', { figure: figureName })} />
        )}
        {procedure && (
          <DrillDossiers
            query={{ period: drill.period, agency: drill.agency, groupBy: 'procedure' }}
            drill={{ figure, label: `${figureName}: ${procedure.label}`, filter: { ...(drill.agency ? { agency: drill.agency } : {}), procedure: procedure.key } }}
            onClose={() => setProcedure(null)}
          />
        )}
      </Stack>
    </Card>
  );
}
