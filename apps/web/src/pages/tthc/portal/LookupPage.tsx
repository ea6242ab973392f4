import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcApi } from '../../../api/tthc.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { HistoryTimeline } from '../common/HistoryTimeline.tsx';
import { StatusBadge } from '../common/status.tsx';
import { TthcErrorAlert } from '../common/TthcErrorAlert.tsx';

/** /tra-cuu?ma= — anyone with a dossier code and its look-up secret sees its status (the QR code on every notice lands here). */
export function LookupPage() {
  const { t } = useTranslation();
  const search = useSearch({ strict: false }) as { ma?: unknown };
  const [code, setCode] = useState(search.ma === undefined ? '' : String(search.ma));
  const [secret, setSecret] = useState('');
  const [touched, setTouched] = useState(false);
  const lookup = useMutation({ mutationFn: () => tthcApi.lookup(code.trim(), secret.trim()) });
  const codeError = touched && code.trim().length < 5 ? t('tthc.lookup.codeRequired') : undefined;
  const secretError = touched && secret.trim().length < 6 ? t('tthc.lookup.secretRequired') : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (code.trim().length >= 5 && secret.trim().length >= 6) lookup.mutate();
  };
  const status = lookup.data;

  return (
    <Stack maw={760}>
      <PageHeader title={t('tthc.lookup.title')} description={t('tthc.lookup.description')} />
      <Card withBorder component="form" onSubmit={onSubmit} noValidate>
        <Group align="flex-start" wrap="wrap">
          <TextInput id="lookup-code" label={t('tthc.lookup.code')} required value={code} onChange={(e) => setCode(e.currentTarget.value)} error={codeError} miw={280} autoComplete="off" />
          <TextInput
            id="lookup-secret"
            label={t('tthc.lookup.secret')}
            description={t('tthc.lookup.secretHint')}
            required
            value={secret}
            onChange={(e) => setSecret(e.currentTarget.value)}
            error={secretError}
            autoComplete="off"
            maxLength={40}
          />
        </Group>
        <Button type="submit" mt="md" loading={lookup.isPending}>
          {t('tthc.lookup.submit')}
        </Button>
      </Card>
      <TthcErrorAlert error={lookup.error} />
      {status && (
        <Card withBorder role="region" aria-labelledby="lookup-result">
          <Title order={2} size="h4" id="lookup-result" mb="sm">
            {t('tthc.lookup.result', { code: status.code })}
          </Title>
          <Stack gap={6} mb="md">
            <Text size="sm">{status.procedureName}</Text>
            <Group gap="xs">
              <Text size="sm" fw={600}>{t('tthc.detail.status')}:</Text>
              <StatusBadge status={status.status} />
            </Group>
            <Text size="sm">{t('tthc.detail.submittedAt')}: {formatDateTime(status.submittedAt)}</Text>
            {status.receivedAt && <Text size="sm">{t('tthc.detail.receivedAt')}: {formatDateTime(status.receivedAt)}</Text>}
            {status.dueDate && <Text size="sm">{t('tthc.detail.dueDate')}: {formatDate(status.dueDate)}</Text>}
            {status.result && <Text size="sm">{t('tthc.detail.result')}: {t(`tthc.result.${status.result}`, { defaultValue: status.result })}</Text>}
          </Stack>
          <Title order={3} size="h5" mb="xs">{t('tthc.history.title')}</Title>
          <HistoryTimeline events={status.history} />
        </Card>
      )}
    </Stack>
  );
}
