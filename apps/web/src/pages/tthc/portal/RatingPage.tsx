import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcApi, type RatingInput } from '../../../api/tthc.ts';
import { useAuth } from '../../../auth/AuthProvider.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RatingForm, RatingGiven } from '../common/RatingForm.tsx';

/**
 * /danh-gia?ma= — where the "result returned" notice invites the applicant to rate. A signed-in
 * applicant whose dossier it is goes to their dossier's page; anyone else rates with the dossier
 * code and the look-up secret printed on the receipt.
 */
export function RatingPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const search = useSearch({ strict: false }) as { ma?: unknown };
  const [code, setCode] = useState(search.ma === undefined ? '' : String(search.ma));
  const [secret, setSecret] = useState('');
  const [attempted, setAttempted] = useState(false);
  const citizen = auth.signedIn && auth.me?.kind === 'citizen';
  const mine = useQuery({
    queryKey: ['tthc', 'mine', 'rating-lookup'],
    queryFn: () => tthcApi.mine({ limit: 100, offset: 0 }),
    enabled: citizen && code.trim() !== '',
  });
  const own = mine.data?.items.find((d) => d.code.toUpperCase() === code.trim().toUpperCase());
  const rate = useMutation({ mutationFn: (input: RatingInput) => tthcApi.rateByLookup(code.trim(), secret.trim(), input) });
  const codeError = attempted && code.trim().length < 5 ? t('tthc.lookup.codeRequired') : undefined;
  const secretError = attempted && secret.trim().length < 6 ? t('tthc.lookup.secretRequired') : undefined;

  return (
    <Stack maw={760}>
      <PageHeader title={t('tthc.rating.pageTitle')} description={t('tthc.rating.pageDescription')} />
      {own && (
        <Card withBorder>
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">{t('tthc.rating.ownDossier', { code: own.code })}</Text>
            <Button component={Link} to={`/my-dossiers/${own.id}`} hash="danh-gia">{t('tthc.rating.openDossier')}</Button>
          </Group>
        </Card>
      )}
      <Card withBorder>
        {rate.data ? (
          <RatingGiven rating={rate.data} />
        ) : (
          <RatingForm
            id="lookup-rating"
            onRate={(input) => rate.mutate(input)}
            pending={rate.isPending}
            error={rate.error}
            onAttempt={() => {
              setAttempted(true);
              return code.trim().length >= 5 && secret.trim().length >= 6;
            }}
            before={
              <Group align="flex-start" wrap="wrap">
                <TextInput id="rating-code" label={t('tthc.lookup.code')} required value={code} onChange={(e) => setCode(e.currentTarget.value)} error={codeError} miw={260} autoComplete="off" maxLength={80} />
                <TextInput
                  id="rating-secret" label={t('tthc.lookup.secret')} description={t('tthc.lookup.secretHint')} required value={secret}
                  onChange={(e) => setSecret(e.currentTarget.value)} error={secretError} autoComplete="off" maxLength={40}
                />
              </Group>
            }
          />
        )}
      </Card>
    </Stack>
  );
}
