import { Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Filed } from '../../../api/tthc.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { FiledNotice } from '../common/FiledNotice.tsx';
import { CounterForm } from './CounterForm.tsx';
import { ProcedurePicker } from './ProcedurePicker.tsx';
import { useOfferings } from '../filing/useForms.ts';
import { useDefaultAgency, useServiceCentre } from './useWorkspaceAgency.ts';

/** /workspace/counter — "Tiếp nhận tại quầy": the desk files and accepts a dossier for an applicant in person. */
export function CounterPage() {
  const { t } = useTranslation();
  const [procedureId, setProcedureId] = useState<string | null>(null);
  const [chosenOffering, setChosenOffering] = useState('');
  const [filed, setFiled] = useState<Filed | null>(null);
  // Each intake is a new form: the key resets every piece of state below.
  const [round, setRound] = useState(0);
  const defaultAgency = useDefaultAgency();
  const offerings = useOfferings(procedureId ?? undefined);
  const items = offerings.data?.items ?? [];
  const offering = items.find((o) => o.id === chosenOffering) ?? items.find((o) => o.agencyId === defaultAgency || o.deskAgencyId === defaultAgency) ?? (items.length === 1 ? items[0] : undefined);
  // Decree 118/2025/NĐ-CP: an official of a service centre receives any agency's procedure there.
  const centre = useServiceCentre(defaultAgency);
  const receivingDesk = centre && offering && offering.deskAgencyId !== centre.id ? centre : undefined;

  const again = () => {
    setFiled(null);
    setProcedureId(null);
    setChosenOffering('');
    setRound((r) => r + 1);
  };

  if (filed) {
    return (
      <>
        <PageHeader title={t('tthc.counter.title')} />
        <FiledNotice
          filed={filed}
          actions={
            <Group>
              <Button component={Link} to={`/workspace/dossiers/${filed.dossier.id}`} variant="light">{t('tthc.counter.openDossier')}</Button>
              <Button variant="default" onClick={again}>{t('tthc.counter.another')}</Button>
            </Group>
          }
        />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('tthc.counter.title')} description={t('tthc.counter.description')} />
      <Stack gap="md" key={round}>
        <Card withBorder component="section" aria-labelledby="counter-where">
          <Title order={2} size="h4" id="counter-where" mb="sm">{t('tthc.counter.where')}</Title>
          <Stack gap="sm" maw={720}>
            <ProcedurePicker value={procedureId} onChange={(id) => { setProcedureId(id); setChosenOffering(''); }} />
            {procedureId && (
              <NativeSelect
                id="counter-offering"
                label={t('tthc.counter.agency')}
                required
                value={offering?.id ?? ''}
                onChange={(e) => setChosenOffering(e.currentTarget.value)}
                data={[{ value: '', label: t('tthc.eform.choose') }, ...items.map((o) => ({ value: o.id, label: o.agencyName }))]}
              />
            )}
            {receivingDesk && <Text size="sm" data-testid="receiving-desk">{t('tthc.counter.receivingDesk', { name: receivingDesk.name })}</Text>}
          </Stack>
        </Card>
        {procedureId && offering && (
          <CounterForm key={`${procedureId}-${offering.id}`} procedureId={procedureId} offeringId={offering.id} deskAgencyId={receivingDesk?.id} onFiled={setFiled} />
        )}
      </Stack>
    </>
  );
}
