import { Anchor, Button, Card, Group, Stack, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../api/tthc.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { DossierDocuments, DossierFiles, issuedDocuments } from '../common/DossierFiles.tsx';
import { DossierHeader } from '../common/DossierHeader.tsx';
import { useLocalisedError } from '../common/errors.ts';
import { FormDataView } from '../common/FormDataView.tsx';
import { HistoryTimeline } from '../common/HistoryTimeline.tsx';
import { ReasonDialog } from '../common/ReasonDialog.tsx';
import { SupplementAnswer } from '../common/SupplementAnswer.tsx';
import { useDossier, useHistory } from '../common/useDossier.ts';
import { useDossierAction } from '../common/useDossierAction.ts';
import { useProcedure } from '../filing/useForms.ts';
import { FeePanel } from '../../payment/FeePanel.tsx';
import { PostalPanel } from '../../postal/PostalPanel.tsx';
import { DossierRating } from './DossierRating.tsx';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">{title}</Title>
      {children}
    </Card>
  );
}

/** /my-dossiers/$dossierId — an applicant's own dossier: progress, what was filed, notices, and what they may do now. */
export function MyDossierPage() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const { dossierId } = useParams({ strict: false }) as { dossierId: string };
  const dossier = useDossier(dossierId);
  const history = useHistory(dossierId);
  const d = dossier.data;
  const procedure = useProcedure(d?.procedureId);
  const partName = (code: string | null) => procedure.data?.parts.find((p) => p.code === code)?.name ?? code ?? '—';
  return (
    <>
      <PageHeader title={t('tthc.mine.detailTitle')} />
      <QueryState isPending={dossier.isPending} error={localised(dossier.error)}>
        {d && (
          <Stack gap="md">
            <DossierHeader dossier={d} />
            {d.allowed.actions.includes('resubmit') && d.supplement && <SupplementAnswer dossier={d} procedure={procedure.data} />}
            <FeePanel dossierId={d.id} audience="applicant" />
            <PostalPanel dossier={d} audience="applicant" />
            {d.allowed.actions.includes('withdraw') && <WithdrawButton dossier={d} />}
            <DossierRating dossier={d} />
            <Section id="my-documents" title={t('tthc.documents.title')}>
              <DossierDocuments dossierId={d.id} kinds={issuedDocuments(d, (history.data?.items ?? []).map((e) => e.action), false)} />
            </Section>
            <Section id="my-history" title={t('tthc.history.title')}>
              <QueryState isPending={history.isPending} error={localised(history.error)}>
                <HistoryTimeline events={history.data?.items ?? []} />
              </QueryState>
            </Section>
            <Section id="my-files" title={t('tthc.files.title')}>
              <DossierFiles dossier={d} partName={partName} />
            </Section>
            <Section id="my-form" title={t('tthc.detail.formData')}>
              <FormDataView dossier={d} procedure={procedure.data} />
            </Section>
            <Anchor component={Link} to="/my-dossiers">{t('tthc.mine.back')}</Anchor>
          </Stack>
        )}
      </QueryState>
    </>
  );
}

function WithdrawButton({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const act = useDossierAction(dossier, () => setOpen(false));
  return (
    <Group>
      <Button color="red" variant="outline" onClick={() => setOpen(true)}>{t('tthc.withdraw.button')}</Button>
      {open && (
        <ReasonDialog
          title={t('tthc.withdraw.title')}
          label={t('tthc.withdraw.reason')}
          confirmLabel={t('tthc.withdraw.confirm')}
          warning={t('tthc.withdraw.warning')}
          color="red"
          onClose={() => setOpen(false)}
          onConfirm={(reason) => act.mutate({ action: 'withdraw', reason })}
          pending={act.isPending}
          error={act.error}
        />
      )}
    </Group>
  );
}
