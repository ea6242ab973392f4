import { Button, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AgencyPicker } from '../../components/AgencyPicker.tsx';
import { PERIOD_FORMAT } from './format.ts';

/** The period (checked as typed, applied on submit) and the agency of a statistics page. */
export function PeriodAgencyForm({ id, initialPeriod, agency, onPeriod, onAgency }: {
  id: string;
  initialPeriod: string;
  agency: string | null;
  onPeriod: (period: string) => void;
  onAgency: (agency: string) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initialPeriod);
  const draftError = PERIOD_FORMAT.test(draft) ? undefined : t('analytics.periodInvalid');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draftError) onPeriod(draft);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" wrap="wrap">
        <TextInput id={`${id}-period`} label={t('analytics.period')} description={t('analytics.periodHint')} value={draft}
          onChange={(e) => setDraft(e.currentTarget.value.trim())} error={draftError} style={{ width: 220 }} />
        <Button type="submit">{t('analytics.show')}</Button>
        <div style={{ minWidth: 280, flex: '1 1 380px' }}>
          <AgencyPicker id={`${id}-agency`} label={t('analytics.agency')} value={agency} onChange={(a) => a && onAgency(a)} />
        </div>
      </Group>
    </form>
  );
}
