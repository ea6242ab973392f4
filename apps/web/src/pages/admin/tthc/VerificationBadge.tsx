import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProcedureVerification } from '../../../api/tthc-admin.ts';
import { formatDate } from '../../../lib/format.ts';

/**
 * How far a procedure was checked against the national procedure database: administrators see
 * what stays unconfirmed (citizens never get the record). Nothing is shown for a verified one.
 */
export function VerificationBadge({ verification }: { verification: ProcedureVerification | null | undefined }) {
  const { t } = useTranslation();
  if (!verification) return <Badge ml="xs" size="xs" variant="light" color="gray" tt="none">{t('tthcAdmin.verification.unknown')}</Badge>;
  if (verification.status === 'verified') return null;
  const fields = verification.unverified.map((f) => t(`tthcAdmin.verification.fields.${f}`, { defaultValue: f })).join(', ');
  const label = t('tthcAdmin.verification.unverified', { fields: fields || t('tthcAdmin.verification.whole') });
  const detail = t('tthcAdmin.verification.detail', { source: verification.source, date: formatDate(verification.checkedOn) });
  return (
    <Tooltip label={[detail, verification.note].filter(Boolean).join(' — ')} multiline w={320} withArrow>
      <Badge ml="xs" size="xs" color="orange" variant="light" tt="none" tabIndex={0} aria-label={`${label}. ${detail}`}>
        {label}
      </Badge>
    </Tooltip>
  );
}
