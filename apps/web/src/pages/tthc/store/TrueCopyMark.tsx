import { Badge, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TrueCopyCertification } from '../../../api/store.ts';
import { formatDateTime } from '../../../lib/format.ts';

/** The certified-true-copy mark as checked by the server now: who, when, which agency, valid or why not. */
export function TrueCopyMark({ certification, withHash = false }: { certification: TrueCopyCertification | null; withHash?: boolean }) {
  const { t } = useTranslation();
  if (!certification) return <Text size="sm" c="dimmed">{t('tthc.store.mark.none')}</Text>;
  const c = certification;
  return (
    <Stack gap={2} data-testid="true-copy-mark" data-valid={String(c.valid)}>
      <Badge color={c.valid ? 'teal' : 'red'} variant="light" tt="none" w="fit-content">
        {c.valid ? t('tthc.store.mark.valid') : t('tthc.store.mark.invalid')}
      </Badge>
      <Text size="xs">{t('tthc.store.mark.by', { name: c.certifiedByName, agency: c.agencyName, at: formatDateTime(c.certifiedAt) })}</Text>
      {c.problem && <Text size="xs" c="red">{t(`tthc.store.mark.problem.${c.problem}`)}</Text>}
      {withHash && <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>{t('tthc.store.mark.sha', { sha: c.sha256 })}</Text>}
    </Stack>
  );
}
