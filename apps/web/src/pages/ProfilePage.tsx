import { Badge, Card, Code, Group, Image, List, Stack, Table, Text, TextInput, Title, Button, Alert } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { identityApi, type Me } from '../api/identity.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { fieldError } from '../lib/forms.ts';
import { TableScroll } from '../components/TableScroll.tsx';

export function ProfilePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  if (!me) return null;
  return (
    <Stack maw={960}>
      <PageHeader title={t('profile.title')} />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('profile.who')}
        </Title>
        <dl style={{ margin: 0 }}>
          <Field label={t('profile.displayName')} value={<span id="profile-display-name">{me.displayName}</span>} />
          <Field label={t('profile.kind')} value={t(`profile.kinds.${me.kind}`)} />
          {me.username && <Field label={t('profile.username')} value={me.username} />}
          {me.personalIdMasked && <Field label={t('profile.personalId')} value={me.personalIdMasked} />}
        </dl>
      </Card>
      {me.kind === 'official' && <Grants me={me} />}
      {me.kind === 'official' && <Security me={me} />}
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Group gap="xs" mb={6} wrap="nowrap" align="baseline">
      <Text component="dt" fw={600} size="sm" w={180}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {value}
      </Text>
    </Group>
  );
}

function Grants({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm" id="profile-grants">
        {t('profile.grants')}
      </Title>
      {me.grants.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('profile.noGrants')}
        </Text>
      ) : (
        <TableScroll minWidth={600} labelledBy="profile-grants">
          <Table striped aria-labelledby="profile-grants">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('profile.role')}</Table.Th>
                <Table.Th scope="col">{t('profile.agency')}</Table.Th>
                <Table.Th scope="col">{t('profile.scope')}</Table.Th>
                <Table.Th scope="col">{t('profile.permissions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {me.grants.map((grant) => (
                <Table.Tr key={`${grant.roleCode}@${grant.agencyId}`}>
                  <Table.Td>{grant.roleName}</Table.Td>
                  <Table.Td>{grant.agencyName}</Table.Td>
                  <Table.Td>{t(`scope.${grant.scope}`)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {grant.permissions.map((p) => (
                        <Badge key={p} variant="light" size="sm" tt="none">
                          {p}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Card>
  );
}

function Security({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const enroll = useMutation({ mutationFn: identityApi.enrollTotp });
  const confirm = useMutation({
    mutationFn: identityApi.confirmTotp,
    onSuccess: () => {
      enroll.reset();
      setCode('');
      void queryClient.invalidateQueries({ queryKey: ['identity', 'me'] });
    },
  });
  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code);
  };
  const codeError = fieldError(confirm.error, 'code') ?? (confirm.error ? (confirm.error as Error).message : undefined);

  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('profile.security')}
      </Title>
      <Group mb="sm">
        <Text size="sm">{t('profile.totp')}</Text>
        <Badge color={me.totpEnabled ? 'sen' : 'gray'}>{me.totpEnabled ? t('profile.totpOn') : t('profile.totpOff')}</Badge>
      </Group>
      {confirm.isSuccess && (
        <Alert color="sen" variant="light" mb="sm" role="status">
          {t('profile.totpConfirmed')}
        </Alert>
      )}
      {!enroll.data ? (
        <Stack align="flex-start" gap="xs">
          <Text size="sm">{me.totpEnabled ? t('profile.totpReenroll') : t('profile.totpExplain')}</Text>
          <Button onClick={() => enroll.mutate()} loading={enroll.isPending}>
            {me.totpEnabled ? t('profile.totpReset') : t('profile.totpStart')}
          </Button>
          <ErrorAlert error={enroll.error} />
        </Stack>
      ) : (
        <Stack gap="sm">
          <List type="ordered" size="sm">
            <List.Item>{t('profile.totpStep1')}</List.Item>
            <List.Item>{t('profile.totpStep2')}</List.Item>
          </List>
          <Image src={enroll.data.qrDataUrl} alt={t('profile.qrAlt')} w={200} h={200} fit="contain" />
          <Text size="sm">
            {t('profile.totpManual')} <Code>{enroll.data.secret}</Code>
          </Text>
          <form onSubmit={onConfirm} noValidate>
            <Group align="flex-end">
              <TextInput
                label={t('profile.totpCode')}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                value={code}
                onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
                error={codeError}
              />
              <Button type="submit" loading={confirm.isPending} disabled={code.length !== 6}>
                {t('profile.totpConfirm')}
              </Button>
            </Group>
          </form>
        </Stack>
      )}
    </Card>
  );
}
