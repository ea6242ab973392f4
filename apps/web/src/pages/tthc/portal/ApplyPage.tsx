import { Alert, Anchor, Button, NativeSelect, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcApi, type Filed } from '../../../api/tthc.ts';
import { useAuth } from '../../../auth/AuthProvider.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { useLocalisedError } from '../common/errors.ts';
import { FiledNotice } from '../common/FiledNotice.tsx';
import { formParts } from '../filing/submission.ts';
import { useForms, useOfferings, useProcedure } from '../filing/useForms.ts';
import { ApplyWizard } from './ApplyWizard.tsx';

/** /services/$procedureId/apply?offering=&draft= — online filing by a citizen signed in with VNeID. */
export function ApplyPage() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const { me } = useAuth();
  const navigate = useNavigate();
  const { procedureId } = useParams({ strict: false }) as { procedureId: string };
  const search = useSearch({ strict: false }) as { offering?: string; draft?: string };
  const [filed, setFiled] = useState<Filed | null>(null);
  const procedure = useProcedure(procedureId);
  const offerings = useOfferings(procedureId);
  const online = (offerings.data?.items ?? []).filter((o) => o.onlineEnabled);
  const offering = online.find((o) => o.id === search.offering) ?? (online.length === 1 ? online[0] : undefined);
  const { forms, isPending: formsPending, error: formsError } = useForms(formParts(procedure.data?.parts ?? []).map((p) => p.formKey!));
  // What VNeID said prefills the forms; without it (an error) the applicant simply types.
  const profile = useQuery({ queryKey: ['tthc', 'applicant-profile'], queryFn: tthcApi.applicantProfile, enabled: me?.kind === 'citizen', staleTime: 5 * 60_000, retry: false });
  const profilePending = me?.kind === 'citizen' && profile.isPending;

  const title = procedure.data ? t('tthc.apply.title', { name: procedure.data.name }) : t('tthc.apply.titleShort');
  if (me && me.kind !== 'citizen') {
    return (
      <>
        <PageHeader title={title} />
        <Alert color="yellow" variant="light">
          <Text size="sm">{t('tthc.apply.citizensOnly')}</Text>
          <Anchor component={Link} to="/workspace/counter" size="sm">{t('tthc.nav.counter')}</Anchor>
        </Alert>
      </>
    );
  }
  if (filed) {
    return (
      <>
        <PageHeader title={t('tthc.filed.pageTitle')} />
        <FiledNotice
          filed={filed}
          actions={
            <Button component={Link} to={`/my-dossiers/${filed.dossier.id}`} variant="light">
              {t('tthc.filed.viewDossier')}
            </Button>
          }
        />
      </>
    );
  }
  const error = procedure.error ?? offerings.error ?? formsError;
  return (
    <>
      <PageHeader title={title} description={offering ? t('tthc.apply.filingAt', { agency: offering.agencyName }) : undefined} />
      <QueryState isPending={procedure.isPending || offerings.isPending || formsPending || profilePending} error={localised(error)}>
        {online.length === 0 ? (
          <Alert color="yellow" variant="light">{t('tthc.procedure.notOnline')}</Alert>
        ) : !offering ? (
          <Stack maw={480}>
            <NativeSelect
              label={t('tthc.procedure.chooseAgency')}
              data={[{ value: '', label: t('tthc.eform.choose') }, ...online.map((o) => ({ value: o.id, label: o.agencyName }))]}
              onChange={(e) => void navigate({ to: '.', search: { ...search, offering: e.currentTarget.value }, replace: true })}
            />
          </Stack>
        ) : (
          procedure.data && <ApplyWizard profile={profile.data} procedure={procedure.data} offering={offering} forms={forms} draftId={search.draft} onFiled={setFiled} />
        )}
      </QueryState>
    </>
  );
}
