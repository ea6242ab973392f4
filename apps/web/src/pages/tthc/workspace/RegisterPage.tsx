import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcApi } from '../../../api/tthc.ts';
import { AgencyPicker } from '../../../components/AgencyPicker.tsx';
import { DateField } from '../../../components/DateField.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDate, parseDate, todayIso } from '../../../lib/format.ts';
import { download } from '../common/download.ts';
import { TthcErrorAlert } from '../common/TthcErrorAlert.tsx';
import { rememberAgency, useDefaultAgency } from './useWorkspaceAgency.ts';

type Format = 'pdf' | 'xlsx';
const MAX_DAYS = 366;

/** /workspace/register — "Sổ theo dõi hồ sơ" (Form 07): a desk's dossiers for a period, printable or in Excel. */
export function RegisterPage() {
  const { t } = useTranslation();
  const fallback = useDefaultAgency();
  const [chosen, setChosen] = useState<string | null>(null);
  const deskId = chosen ?? fallback;
  const today = todayIso();
  const [from, setFrom] = useState(formatDate(`${today.slice(0, 8)}01`));
  const [to, setTo] = useState(formatDate(today));
  const [touched, setTouched] = useState(false);
  const fromIso = parseDate(from);
  const toIso = parseDate(to);
  const span = fromIso && toIso ? (Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000 : NaN;
  const periodError = fromIso && toIso && !(span >= 0 && span < MAX_DAYS) ? t('tthc.register.invalidPeriod') : undefined;
  const fetchFile = useMutation({
    mutationFn: (format: Format) => download(() => tthcApi.register(deskId!, { from: fromIso!, to: toIso!, format }), `so-theo-doi-ho-so-${fromIso}-${toIso}.${format}`),
  });
  const submit = (format: Format) => (event?: FormEvent) => {
    event?.preventDefault();
    setTouched(true);
    if (deskId && fromIso && toIso && !periodError) fetchFile.mutate(format);
  };
  return (
    <>
      <PageHeader title={t('tthc.register.title')} description={t('tthc.register.intro')} />
      <Card withBorder component="section" aria-label={t('tthc.register.title')}>
        <form onSubmit={submit('pdf')} noValidate>
          <Stack gap="sm" maw={720}>
            <AgencyPicker
              id="register-desk"
              label={t('tthc.register.desk')}
              value={deskId}
              onChange={(id) => {
                if (!id) return;
                rememberAgency(id);
                setChosen(id);
              }}
            />
            <Group align="flex-start" wrap="wrap">
              <DateField id="register-from" label={t('tthc.register.from')} required value={from} onChange={(e) => setFrom(e.currentTarget.value)}
                error={touched && !fromIso ? t('form.invalidDate') : undefined} />
              <DateField id="register-to" label={t('tthc.register.to')} required value={to} onChange={(e) => setTo(e.currentTarget.value)}
                error={touched && !toIso ? t('form.invalidDate') : periodError} />
            </Group>
            <Group>
              <Button type="submit" loading={fetchFile.isPending && fetchFile.variables === 'pdf'} data-format="pdf">{t('tthc.register.pdf')}</Button>
              <Button variant="light" onClick={() => submit('xlsx')()} loading={fetchFile.isPending && fetchFile.variables === 'xlsx'} data-format="xlsx">{t('tthc.register.xlsx')}</Button>
            </Group>
            {!deskId && <Text size="sm" c="dimmed">{t('tthc.queue.chooseAgency')}</Text>}
            <TthcErrorAlert error={fetchFile.error} />
          </Stack>
        </form>
      </Card>
    </>
  );
}
