import { Button, Group, Modal, PasswordInput, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { identityApi, type Official } from '../../api/identity.ts';
import { AgencyPicker } from '../../components/AgencyPicker.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fieldError, formValues } from '../../lib/forms.ts';

interface Props {
  /** null: create a new official. */
  official: Official | null;
  onClose: () => void;
  onSaved: (official: Official) => void;
}

export function OfficialFormModal({ official, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [active, setActive] = useState(official?.active ?? true);
  const [agencyId, setAgencyId] = useState<string | null>(official?.agencyId ?? null);
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const save = useMutation({
    mutationFn: (values: Record<string, string>) =>
      official
        ? identityApi.updateOfficial(official.id, {
            fullName: values.fullName,
            // The API takes a valid address or nothing; an emptied field leaves the address as it was.
            email: values.email || undefined,
            active,
            version: official.version,
          })
        : identityApi.createOfficial({
            username: values.username ?? '',
            fullName: values.fullName ?? '',
            email: values.email || undefined,
            password: values.password ?? '',
            agencyId: agencyId ?? '',
          }),
    onSuccess: onSaved,
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const required = official ? ['fullName'] : ['username', 'fullName', 'password'];
    const empty = new Set(required.filter((name) => !values[name]));
    if (!official && !agencyId) empty.add('agencyId');
    setMissing(empty);
    if (empty.size === 0) save.mutate(values);
  };
  const error = (name: string) => (missing.has(name) ? t('form.required') : fieldError(save.error, name));
  const generalError = save.error && !['username', 'fullName', 'email', 'password', 'agencyId'].some((n) => fieldError(save.error, n)) ? save.error : null;

  return (
    <Modal opened onClose={onClose} title={official ? t('officials.editTitle', { username: official.username }) : t('officials.createTitle')} size="lg">
      <form onSubmit={onSubmit} noValidate aria-label={official ? t('officials.editTitle', { username: official.username }) : t('officials.createTitle')}>
        <Stack>
          {!official && (
            <TextInput
              id="official-username"
              name="username"
              label={t('officials.username')}
              description={t('officials.usernameHint')}
              autoComplete="off"
              required
              error={error('username')}
              data-autofocus
            />
          )}
          <TextInput id="official-fullName" name="fullName" label={t('officials.fullName')} defaultValue={official?.fullName} required error={error('fullName')} />
          <TextInput id="official-email" name="email" type="email" label={t('officials.email')} defaultValue={official?.email ?? ''} error={error('email')} />
          {!official && (
            <PasswordInput
              id="official-password"
              name="password"
              label={t('officials.password')}
              description={t('officials.passwordHint')}
              autoComplete="new-password"
              required
              error={error('password')}
            />
          )}
          {!official && (
            <AgencyPicker id="official-agency" label={t('officials.agency')} value={agencyId} onChange={setAgencyId} required error={error('agencyId')} />
          )}
          {official && <Switch label={t('officials.activeSwitch')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />}
          <ErrorAlert error={generalError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {official ? t('common.save') : t('officials.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
