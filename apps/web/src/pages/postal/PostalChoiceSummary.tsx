import { Anchor, Card, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { catalogApi } from '../../api/catalog.ts';
import { byPost, type PostalChoiceDraft } from './choice.ts';

/** The postal choice on the review step of online filing, with the commune's name from the catalogue. */
export function PostalChoiceSummary({ value, onEdit }: { value: PostalChoiceDraft; onEdit: () => void }) {
  const { t } = useTranslation();
  // The same query (and cache) as the commune picker's.
  const units = useQuery({ queryKey: ['catalog', 'code-list', 'administrative-units'], queryFn: () => catalogApi.read('administrative-units', { limit: 1000, offset: 0 }), staleTime: 10 * 60_000, enabled: byPost(value) });
  const commune = units.data?.items.find((item) => item.code === value.communeCode)?.name;
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">{t('postal.step')}</Title>
      <Text size="sm">{t('postal.submit.label')}: {t(`postal.submit.${value.submit}`)}</Text>
      <Text size="sm">{t('postal.receive.label')}: {t(`postal.receive.${value.receive}`)}</Text>
      {byPost(value) && <Text size="sm">{t('postal.address.to', { name: value.name, phone: value.phone, address: [value.line, commune].filter(Boolean).join(', ') })}</Text>}
      <Anchor component="button" type="button" size="sm" onClick={onEdit}>{t('common.edit')}<span className="sr-only"> {t('postal.step')}</span></Anchor>
    </Card>
  );
}
