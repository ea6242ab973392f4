import { Button, Card, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { storeApi } from '../../../api/store.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { openInNewTab } from '../common/download.ts';
import { TthcErrorAlert } from '../common/TthcErrorAlert.tsx';

/** /kho-du-lieu/chia-se/$token — the recipient of a share link (signed in) opens the document. */
export function SharedDocumentPage() {
  const { t } = useTranslation();
  const { token } = useParams({ strict: false }) as { token: string };
  const open = useMutation({ mutationFn: () => openInNewTab(() => storeApi.openShared(token)) });
  return (
    <>
      <PageHeader title={t('tthc.store.shared.title')} />
      <Card withBorder>
        <Stack>
          <Text size="sm">{t('tthc.store.shared.description')}</Text>
          <Button w="fit-content" onClick={() => open.mutate()} loading={open.isPending}>{t('tthc.store.shared.open')}</Button>
          <TthcErrorAlert error={open.error} />
        </Stack>
      </Card>
    </>
  );
}
