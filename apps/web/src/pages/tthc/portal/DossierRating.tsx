import { Card, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { tthcApi, type Dossier, type RatingInput } from '../../../api/tthc.ts';
import { RatingForm, RatingGiven } from '../common/RatingForm.tsx';

/** On the applicant's own dossier, once the result is returned: rate it, or see the rating given. */
export function DossierRating({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ['tthc', 'rating', dossier.id];
  const state = useQuery({ queryKey: key, queryFn: () => tthcApi.rating(dossier.id), enabled: dossier.status === 'completed' });
  const rate = useMutation({
    mutationFn: (input: RatingInput) => tthcApi.rate(dossier.id, input),
    onSuccess: (rating) => client.setQueryData(key, { rating, canRate: false }),
  });
  if (dossier.status !== 'completed' || !state.data || (!state.data.rating && !state.data.canRate)) return null;
  return (
    <Card withBorder component="section" aria-labelledby="my-rating" id="danh-gia">
      <Title order={2} size="h4" id="my-rating" mb="xs">{t('tthc.rating.title')}</Title>
      {state.data.rating ? (
        <RatingGiven rating={state.data.rating} />
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="sm">{t('tthc.rating.intro')}</Text>
          <RatingForm id="my-rating" onRate={(input) => rate.mutate(input)} pending={rate.isPending} error={rate.error} />
        </>
      )}
    </Card>
  );
}
