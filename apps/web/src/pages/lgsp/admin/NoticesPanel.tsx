import { Anchor, Badge, Card, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { lgspApi } from '../../../api/lgsp.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { formatDateTime } from '../../../lib/format.ts';

const COLORS = { access_requested: 'yellow', access_decided: 'green', status_changed: 'orange', new_version: 'blue' } as const;

/** The notices to my agencies' LGSP administrators, newest first (each was also mailed). */
export function NoticesPanel() {
  const { t } = useTranslation();
  const notices = useQuery({ queryKey: ['lgsp', 'notices'], queryFn: () => lgspApi.notices({ limit: 50 }) });
  return (
    <Card withBorder component="section" aria-labelledby="notices-title">
      <Title order={2} size="h4" id="notices-title" mb="sm">{t('lgspAdmin.notices.title')}</Title>
      <DataTable caption={t('lgspAdmin.notices.title')} rows={notices.data} rowKey={(n) => n.id} isPending={notices.isPending} error={notices.error}
        emptyText={t('lgspAdmin.notices.empty')} minWidth={700} columns={[
          { key: 'at', header: t('lgspAdmin.notices.at'), cell: (n) => formatDateTime(n.createdAt) },
          { key: 'event', header: t('lgspAdmin.notices.event'), cell: (n) => <Badge variant="light" color={COLORS[n.event]}>{t(`lgspAdmin.notices.events.${n.event}`)}</Badge> },
          { key: 'subject', header: t('lgspAdmin.notices.subject'), cell: (n) => <Anchor component={Link} to={`/workspace/lgsp/services/${n.serviceId}`}>{n.subject}</Anchor> },
        ]} />
    </Card>
  );
}
