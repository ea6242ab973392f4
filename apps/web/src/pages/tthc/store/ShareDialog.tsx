import { Alert, Button, CopyButton, Group, Modal, NumberInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sharePath, storeApi, type StoreDocument } from '../../../api/store.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { TthcErrorAlert } from '../common/TthcErrorAlert.tsx';

/** Share one store document by a link bound to a person or an agency, for a number of hours. */
export function ShareDialog({ document, onClose }: { document: StoreDocument; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<'person' | 'agency'>('agency');
  const [personalId, setPersonalId] = useState('');
  const [agencyCode, setAgencyCode] = useState('');
  const [hours, setHours] = useState<number>(24);
  const [checked, setChecked] = useState(false);
  const share = useMutation({
    mutationFn: () => storeApi.share(document.id, { recipient: kind === 'person' ? { kind, personalId } : { kind, agencyCode: agencyCode.trim() }, hours }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tthc', 'store', 'shares'] }),
  });
  const personalIdError = checked && kind === 'person' && !/^\d{12}$/.test(personalId) ? t('tthc.store.shareDialog.personalIdInvalid') : undefined;
  const agencyCodeError = checked && kind === 'agency' && !agencyCode.trim() ? t('tthc.store.shareDialog.agencyCodeInvalid') : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    const valid = kind === 'person' ? /^\d{12}$/.test(personalId) : agencyCode.trim().length > 0;
    if (valid && hours >= 1 && hours <= 720) share.mutate();
  };
  const link = share.data ? `${location.origin}${sharePath(share.data.token)}` : undefined;
  return (
    <Modal opened onClose={onClose} title={t('tthc.store.shareDialog.title', { title: document.title })} size="lg">
      {share.data && link ? (
        <Stack>
          <Alert color="teal" role="status">{t('tthc.store.shareDialog.created')}</Alert>
          <TextInput label={t('tthc.store.shareDialog.link')} value={link} readOnly data-testid="share-link" onFocus={(e) => e.currentTarget.select()} />
          <Text size="sm">{t('tthc.store.shareDialog.expiresAt', { at: formatDateTime(share.data.expiresAt) })}</Text>
          <Group justify="flex-end">
            <CopyButton value={link}>{({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? t('tthc.store.shareDialog.copied') : t('tthc.store.shareDialog.copy')}</Button>}</CopyButton>
            <Button onClick={onClose}>{t('common.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Radio.Group label={t('tthc.store.shareDialog.recipientKind')} value={kind} onChange={(v) => setKind(v as 'person' | 'agency')}>
              <Stack gap="xs" mt="xs">
                <Radio value="agency" label={t('tthc.store.shareDialog.agency')} />
                <Radio value="person" label={t('tthc.store.shareDialog.person')} />
              </Stack>
            </Radio.Group>
            {kind === 'person' ? (
              <TextInput
                label={t('tthc.store.shareDialog.personalId')} description={t('tthc.store.shareDialog.personalIdHint')} required
                inputMode="numeric" maxLength={12} value={personalId} onChange={(e) => setPersonalId(e.currentTarget.value.replace(/\D/g, ''))} error={personalIdError}
              />
            ) : (
              <TextInput
                label={t('tthc.store.shareDialog.agencyCode')} description={t('tthc.store.shareDialog.agencyCodeHint')} required
                maxLength={40} value={agencyCode} onChange={(e) => setAgencyCode(e.currentTarget.value)} error={agencyCodeError}
              />
            )}
            <NumberInput
              label={t('tthc.store.shareDialog.hours')} description={t('tthc.store.shareDialog.hoursHint')} required
              min={1} max={720} allowDecimal={false} value={hours} onChange={(v) => setHours(typeof v === 'number' ? v : Number(v) || 0)}
            />
            <TthcErrorAlert error={share.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
              <Button type="submit" loading={share.isPending}>{t('tthc.store.shareDialog.submit')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
