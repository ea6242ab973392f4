import { Alert, Button, Card, Grid, Group, List, Modal, Stack, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tthcAdminApi, type NoticeTemplate } from '../../../api/tthc-admin.ts';
import { AdminErrorAlert, isVersionConflict } from './AdminErrorAlert.tsx';
import { adminKeys } from './lookups.ts';
import { accentedPlaceholders, hasDiacritics, PLACEHOLDERS, render, smsLength, unknownPlaceholders } from './notices.ts';
import { FormActions } from '../../../components/FormActions.tsx';

type Field = 'subject' | 'body';

/** Edit one notice: placeholders to insert, a live preview with sample values, SMS length and accents. */
export function NoticeTemplateModal({ template, onClose }: { template: NoticeTemplate; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sms = template.channel === 'sms';
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [missing, setMissing] = useState(false);
  const inputs = { subject: useRef<HTMLInputElement>(null), body: useRef<HTMLTextAreaElement>(null) };
  // Placeholder buttons insert into the field last edited (the body unless the subject was).
  const lastField = useRef<Field>('body');
  const save = useMutation({
    mutationFn: () => tthcAdminApi.updateNoticeTemplate(template, { subject: sms ? '' : subject, body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.notices });
      onClose();
    },
  });

  const insert = (name: string) => {
    const field = sms ? 'body' : lastField.current;
    const element = inputs[field].current;
    const [value, setValue] = field === 'subject' ? [subject, setSubject] : [body, setBody];
    const token = `{{${name}}}`;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    setValue(value.slice(0, start) + token + value.slice(end));
    // Back to the field with the caret after the token, so typing carries on where it was.
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!body.trim());
    if (body.trim()) save.mutate();
  };

  const preview = { subject: render(subject), body: render(body) };
  const unknown = unknownPlaceholders(`${subject} ${body}`);
  const length = smsLength(preview.body);
  const accented = sms ? accentedPlaceholders(body) : [];
  const title = t('tthcAdmin.notices.editTitle', { event: t(`tthcAdmin.notices.event.${template.event}`), channel: t(`tthcAdmin.notices.channel.${template.channel}`), locale: template.locale });

  return (
    <Modal opened onClose={onClose} title={title} size="80rem">
      <form onSubmit={onSubmit} noValidate aria-label={title}>
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack>
              {!sms && (
                <TextInput
                  ref={inputs.subject}
                  label={t('tthcAdmin.notices.subject')}
                  value={subject}
                  onChange={(e) => setSubject(e.currentTarget.value)}
                  onFocus={() => (lastField.current = 'subject')}
                  maxLength={300}
                />
              )}
              <Textarea
                ref={inputs.body}
                label={t('tthcAdmin.notices.body')}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                onFocus={() => (lastField.current = 'body')}
                autosize
                minRows={sms ? 3 : 8}
                maxLength={5000}
                required
                error={missing ? t('form.required') : undefined}
                description={sms ? t('tthcAdmin.notices.smsLength', { chars: [...body].length }) : undefined}
              />
              <div>
                <Text size="sm" fw={600} id="placeholders-label">
                  {t('tthcAdmin.notices.placeholders')}
                </Text>
                <Text size="xs" c="dimmed" mb={4}>
                  {t('tthcAdmin.notices.placeholdersHint')}
                </Text>
                <Group gap={4} role="group" aria-labelledby="placeholders-label">
                  {PLACEHOLDERS.map((name) => (
                    <Tooltip key={name} label={t(`tthcAdmin.notices.placeholder.${name}`)} withArrow>
                      <Button size="compact-xs" variant="light" ff="monospace" tt="none" onClick={() => insert(name)} aria-label={t('tthcAdmin.notices.insert', { name, description: t(`tthcAdmin.notices.placeholder.${name}`) })}>
                        {`{{${name}}}`}
                      </Button>
                    </Tooltip>
                  ))}
                </Group>
              </div>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Title order={3} size="h5" mb="xs" id="preview-title">
              {t('tthcAdmin.notices.preview')}
            </Title>
            <Card withBorder bg="gray.0" aria-labelledby="preview-title">
              {!sms && (
                <Text fw={600} mb="xs">
                  {preview.subject}
                </Text>
              )}
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {preview.body}
              </Text>
            </Card>
            <Text size="xs" c="dimmed" mt={4}>
              {t('tthcAdmin.notices.previewHint')}
            </Text>
            {sms && (
              <Text size="sm" mt="sm">
                {t('tthcAdmin.notices.smsCount', { units: length.units, segments: length.segments, encoding: length.encoding === 'GSM7' ? 'GSM 7-bit' : 'UCS-2 (Unicode)' })}
              </Text>
            )}
            {/* Live, but not the counter: a screen reader should hear a new warning, not every keystroke. */}
            <Stack gap="xs" mt="sm" aria-live="polite">
              {sms && hasDiacritics(body) && (
                <Alert color="orange" variant="light" title={t('tthcAdmin.notices.diacriticsTitle')}>
                  {t('tthcAdmin.notices.diacritics')}
                </Alert>
              )}
              {accented.length > 0 && (
                <Alert color="orange" variant="light" title={t('tthcAdmin.notices.accentedTitle')}>
                  {t('tthcAdmin.notices.accented', { names: accented.map((n) => `{{${n}}}`).join(', '), ascii: '{{reasonAscii}}' })}
                </Alert>
              )}
              {unknown.length > 0 && (
                <Alert color="red" variant="light" title={t('tthcAdmin.notices.unknownTitle')}>
                  <List size="sm">
                    {unknown.map((name) => (
                      <List.Item key={name}>{t('tthcAdmin.notices.unknown', { name: `{{${name}}}` })}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
            </Stack>
          </Grid.Col>
        </Grid>
        <Stack mt="md">
          <AdminErrorAlert error={save.error} />
          {isVersionConflict(save.error) && (
            <Group>
              <Text size="sm">{t('tthcAdmin.conflictHint')}</Text>
              <Button variant="light" onClick={() => void queryClient.invalidateQueries({ queryKey: adminKeys.notices }).then(onClose)}>
                {t('tthcAdmin.reloadLatest')}
              </Button>
            </Group>
          )}
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
