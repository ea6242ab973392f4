import { Anchor, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import type { DossierSummary } from '../../../api/tthc.ts';
import type { Column } from '../../../components/DataTable.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { ChannelLabel, DueDate, StatusBadge } from './status.tsx';

type DossierColumn = 'code' | 'procedure' | 'applicant' | 'channel' | 'status' | 'submittedAt' | 'dueDate';

/**
 * The columns of dossier lists (an official's queue, an applicant's own), by name. On a phone
 * the code, the status and the due date stay; the rest fold under the code.
 */
export function dossierColumns(t: TFunction, href: (id: string) => string, names: readonly DossierColumn[]): Column<DossierSummary>[] {
  const all: Record<DossierColumn, Column<DossierSummary>> = {
    code: {
      key: 'code', header: t('tthc.detail.code'),
      cell: (d) => <Anchor component={Link} to={href(d.id)} ff="monospace" size="sm">{d.code}</Anchor>,
    },
    procedure: { key: 'procedure', header: t('tthc.procedure.title'), cell: (d) => d.procedureName, priority: 'secondary' },
    applicant: { key: 'applicant', header: t('tthc.detail.applicant'), cell: (d) => d.applicantName, priority: 'secondary' },
    channel: { key: 'channel', header: t('tthc.detail.channel'), cell: (d) => <Text size="sm"><ChannelLabel channel={d.channel} /></Text>, priority: 'secondary' },
    status: { key: 'status', header: t('tthc.detail.status'), cell: (d) => <StatusBadge status={d.status} /> },
    submittedAt: { key: 'submittedAt', header: t('tthc.detail.submittedAt'), cell: (d) => formatDateTime(d.submittedAt), priority: 'secondary' },
    dueDate: { key: 'dueDate', header: t('tthc.detail.dueDate'), cell: (d) => <DueDate date={d.dueDate} status={d.status} /> },
  };
  return names.map((name) => all[name]);
}
