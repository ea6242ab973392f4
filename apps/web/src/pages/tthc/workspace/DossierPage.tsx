import { Anchor, Card, Stack, Tabs, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { DossierDocuments, DossierFiles, issuedDocuments } from '../common/DossierFiles.tsx';
import { DossierHeader } from '../common/DossierHeader.tsx';
import { useLocalisedError } from '../common/errors.ts';
import { FormDataView } from '../common/FormDataView.tsx';
import { HistoryTimeline, IntakeOverride } from '../common/HistoryTimeline.tsx';
import { SupplementAnswer } from '../common/SupplementAnswer.tsx';
import { useControlSheet, useDossier, useHistory } from '../common/useDossier.ts';
import { useProcedure } from '../filing/useForms.ts';
import { FeePanel } from '../../payment/FeePanel.tsx';
import { PostalPanel } from '../../postal/PostalPanel.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { ActiveSteps } from './ActiveSteps.tsx';
import { ApplicantCard } from './ApplicantCard.tsx';
import { ControlSheet } from './ControlSheet.tsx';
import { DigitisePanel } from './DigitisePanel.tsx';

/** /workspace/dossiers/$dossierId — an official handling one dossier: who holds it, what can be done, everything filed. */
export function DossierPage() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const { dossierId } = useParams({ strict: false }) as { dossierId: string };
  const dossier = useDossier(dossierId);
  const history = useHistory(dossierId);
  const sheet = useControlSheet(dossierId, true);
  const d = dossier.data;
  const procedure = useProcedure(d?.procedureId);
  const partName = (code: string | null) => procedure.data?.parts.find((p) => p.code === code)?.name ?? code ?? t('tthc.files.kinds.result');
  return (
    <>
      <PageHeader title={t('tthc.workspace.dossierTitle')} />
      <QueryState isPending={dossier.isPending} error={localised(dossier.error)}>
        {d && (
          <Stack gap="md">
            <DossierHeader dossier={d} />
            <Card withBorder component="section" aria-labelledby="processing-title">
              <Title order={2} size="h4" id="processing-title" mb="sm">{t('tthc.workspace.processing')}</Title>
              <Stack gap="md">
                <ActiveSteps dossier={d} handovers={sheet.data?.items ?? []} />
                <ActionPanel dossier={d} procedure={procedure.data} />
              </Stack>
            </Card>
            {d.allowed.actions.includes('resubmit') && d.supplement && <SupplementAnswer dossier={d} procedure={procedure.data} />}
            <DigitisePanel dossier={d} procedure={procedure.data} />
            <FeePanel dossierId={d.id} audience="official" />
            <PostalPanel dossier={d} audience="official" />
            <Card withBorder component="section" aria-labelledby="documents-title">
              <Title order={2} size="h4" id="documents-title" mb="sm">{t('tthc.documents.title')}</Title>
              <DossierDocuments dossierId={d.id} kinds={issuedDocuments(d, (history.data?.items ?? []).map((e) => e.action), true)} />
            </Card>
            <Tabs defaultValue="dossier" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="dossier">{t('tthc.workspace.tabDossier')}</Tabs.Tab>
                <Tabs.Tab value="files">{t('tthc.files.title')} ({d.files.length})</Tabs.Tab>
                <Tabs.Tab value="history">{t('tthc.history.title')}</Tabs.Tab>
                <Tabs.Tab value="sheet">{t('tthc.workspace.controlSheet')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="dossier" pt="md">
                <Stack>
                  <ApplicantCard applicant={d.applicant} />
                  <FormDataView dossier={d} procedure={procedure.data} />
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="files" pt="md">
                <DossierFiles dossier={d} partName={partName} />
              </Tabs.Panel>
              <Tabs.Panel value="history" pt="md">
                <QueryState isPending={history.isPending} error={localised(history.error)}>
                  <HistoryTimeline events={history.data?.items ?? []} />
                </QueryState>
              </Tabs.Panel>
              <Tabs.Panel value="sheet" pt="md">
                <QueryState isPending={sheet.isPending} error={localised(sheet.error)}>
                  {/* An acceptance despite missing parts is part of the dossier's control record. */}
                  <IntakeOverride details={history.data?.items.find((e) => e.action === 'accept')?.details} />
                  <ControlSheet items={sheet.data?.items ?? []} />
                </QueryState>
              </Tabs.Panel>
            </Tabs>
            <Anchor component={Link} to="/workspace">{t('tthc.workspace.backToQueue')}</Anchor>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
