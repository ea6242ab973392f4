import { Alert, Anchor, Badge, Button, Card, Group, List, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { useLocalisedError } from '../common/errors.ts';
import { useOfferings, useProcedure } from '../filing/useForms.ts';
import { ProcedureFacts } from './ProcedureFacts.tsx';
import { OfferingFees } from '../../payment/OfferingFees.tsx';
import { useProcedureFields } from './useProcedureFields.ts';

/** /services/$procedureId — the procedure's published details and where to file it online. */
export function ProcedureDetailPage() {
  const { t } = useTranslation();
  const localised = useLocalisedError();
  const navigate = useNavigate();
  const { procedureId } = useParams({ strict: false }) as { procedureId: string };
  const procedure = useProcedure(procedureId);
  const offerings = useOfferings(procedureId);
  const fields = useProcedureFields();
  const [chosen, setChosen] = useState<string>('');
  const p = procedure.data;
  const all = offerings.data?.items ?? [];
  const online = p?.methods.includes('online') ? all.filter((o) => o.onlineEnabled) : [];
  const offeringId = chosen || (online.length === 1 ? online[0]!.id : '');
  const feeOffering = offeringId || (all.length === 1 ? all[0]!.id : '');

  return (
    <QueryState isPending={procedure.isPending} error={localised(procedure.error)}>
      {p && (
        <>
          <PageHeader title={p.name} />
          <Group gap="xs" mb="md" mt={-8}>
            {p.nationalCode && <Badge variant="outline" tt="none">{p.nationalCode}</Badge>}
            <Badge variant="outline" tt="none">{t(`tthc.level.${p.level}`)}</Badge>
            {p.fullyOnline && <Badge color="lotus" tt="none">{t('tthc.procedure.fullyOnline')}</Badge>}
          </Group>
          <Stack gap="md">
            <Card withBorder bg="sen.0" component="section" aria-labelledby="apply-title">
              <Title order={2} size="h4" id="apply-title" mb="sm">
                {t('tthc.procedure.whereToFile')}
              </Title>
              {online.length > 0 ? (
                <Group align="flex-end" wrap="wrap">
                  {online.length > 1 && (
                    <NativeSelect
                      id="offering-select"
                      label={t('tthc.procedure.chooseAgency')}
                      value={chosen}
                      onChange={(e) => setChosen(e.currentTarget.value)}
                      data={[{ value: '', label: t('tthc.eform.choose') }, ...online.map((o) => ({ value: o.id, label: o.agencyName }))]}
                      miw={280}
                    />
                  )}
                  <Button
                    disabled={!offeringId}
                    onClick={() => void navigate({ to: `/services/${p.id}/apply`, search: { offering: offeringId } })}
                  >
                    {t('tthc.procedure.applyOnline')}
                  </Button>
                </Group>
              ) : (
                <Alert variant="light" color="yellow">{t('tthc.procedure.notOnline')}</Alert>
              )}
              <OfferingFees offeringId={feeOffering} />
              {all.length > 0 && (
                <>
                  <Text size="sm" fw={600} mt="md">{t('tthc.procedure.offeredAt')}</Text>
                  <List size="sm">
                    {all.map((o) => (
                      <List.Item key={o.id}>
                        {o.agencyName}
                        {o.deskAgencyId !== o.agencyId && ` — ${t('tthc.procedure.desk', { desk: o.deskAgencyName })}`}
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
            </Card>
            <ProcedureFacts procedure={p} fieldName={fields.name(p.fieldCode)} />
            <Anchor component={Link} to="/services">
              {t('tthc.procedure.backToSearch')}
            </Anchor>
          </Stack>
        </>
      )}
    </QueryState>
  );
}
