import { Anchor, Card, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Offering, Procedure } from '../../../api/tthc.ts';
import type { Filing } from '../filing/useFiling.ts';
import type { PostalChoiceDraft } from '../../postal/choice.ts';
import { PostalChoiceSummary } from '../../postal/PostalChoiceSummary.tsx';

/** Before submitting: where it goes, who applies, and each part's state, with a way back to fix it. */
export function ReviewStep({ procedure, offering, filing, postal, onEdit }: { procedure: Procedure; offering: Offering; filing: Filing; postal: PostalChoiceDraft; onEdit: (stepKey: string) => void }) {
  const { t } = useTranslation();
  const a = filing.applicant;
  return (
    <Stack gap="md">
      <Card withBorder>
        <Text size="sm"><Text span fw={600}>{t('tthc.procedure.title')}:</Text> {procedure.name}</Text>
        <Text size="sm"><Text span fw={600}>{t('tthc.apply.agency')}:</Text> {offering.agencyName}</Text>
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">{t('tthc.apply.stepApplicant')}</Title>
        <Text size="sm">{a.fullName}</Text>
        {(a.phone || a.email) && <Text size="sm">{[a.phone, a.email].filter(Boolean).join(' · ')}</Text>}
        {a.line && <Text size="sm">{[a.line, a.commune, a.province].filter(Boolean).join(', ')}</Text>}
        <Anchor component="button" type="button" size="sm" onClick={() => onEdit('applicant')}>{t('common.edit')}</Anchor>
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">{t('tthc.apply.partsTitle')}</Title>
        <List spacing={4} size="sm">
          {procedure.parts.map((part) => {
            const done = part.formKey ? !!filing.values[part.code] : filing.filesOf(part.code).length > 0;
            const state = done ? t('tthc.apply.partDone') : part.required ? t('tthc.apply.partMissing') : t('tthc.apply.partSkipped');
            return (
              <List.Item key={part.code}>
                <Text span size="sm" c={!done && part.required ? 'red.8' : undefined}>
                  {part.name}: {state}
                </Text>{' '}
                <Anchor component="button" type="button" size="sm" onClick={() => onEdit(part.formKey ? `part:${part.code}` : 'files')}>
                  {t('common.edit')}
                  <span className="sr-only"> {part.name}</span>
                </Anchor>
              </List.Item>
            );
          })}
        </List>
      </Card>
      <PostalChoiceSummary value={postal} onEdit={() => onEdit('postal')} />
      <Text size="sm" c="dimmed">{t('tthc.apply.declaration')}</Text>
    </Stack>
  );
}
