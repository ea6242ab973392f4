import { Badge, Button, Card, Grid, Group, NavLink, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../api/tthc-admin.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { monoInput } from './styles.ts';

// Same rule as the server's document keys (modules/tthc/catalogue/procedure.validation.ts DOCUMENT_KEY).
const DOCUMENT_KEY = /^[a-z0-9][a-z0-9-]{0,79}$/;

interface ListProps {
  label: string;
  items: VersionSummary[] | undefined;
  isPending: boolean;
  error: unknown;
  selected: string | null;
  onSelect: (key: string) => void;
  /** A new key typed by the editor: its first draft is written on the first save. */
  onCreate: (key: string) => void;
}

interface PageProps {
  title: string;
  description: string;
  listLabel: string;
  list: { data?: { items: VersionSummary[] }; isPending: boolean; error: unknown };
  selectHint: string;
  newTitle: (key: string) => string;
  /** The editor of a new document's first draft. */
  renderNew: (key: string, onSaved: () => void, onCancel: () => void) => ReactNode;
  renderDetail: (summary: VersionSummary) => ReactNode;
}

/** E-forms and processes alike: the documents on the left, the chosen one (or a new one) on the right. */
export function VersionedDocumentsPage({ title, description, listLabel, list, selectHint, newTitle, renderNew, renderDetail }: PageProps) {
  const [selected, setSelected] = useState<string | null>(null);
  // A key typed for a new document exists only here until its first draft is saved.
  const [newKey, setNewKey] = useState<string | null>(null);
  const summary = list.data?.items.find((d) => d.key === selected);
  const content = newKey ? (
    <>
      <Title order={2} size="h4" mb="sm">
        {newTitle(newKey)}
      </Title>
      {renderNew(
        newKey,
        () => {
          setSelected(newKey);
          setNewKey(null);
        },
        () => setNewKey(null),
      )}
    </>
  ) : summary ? (
    <Stack key={summary.key}>{renderDetail(summary)}</Stack>
  ) : (
    <Text c="dimmed" size="sm">
      {selectHint}
    </Text>
  );
  return (
    <>
      <PageHeader title={title} description={description} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <DocumentList
            label={listLabel}
            items={list.data?.items}
            isPending={list.isPending}
            error={list.error}
            selected={newKey ?? selected}
            onSelect={(key) => {
              setNewKey(null);
              setSelected(key);
            }}
            onCreate={setNewKey}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Card withBorder>{content}</Card>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** The e-forms or processes: each key with its published and draft versions; start a new one. */
function DocumentList({ label, items, isPending, error, selected, onSelect, onCreate }: ListProps) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const value = key.trim();
    if (!DOCUMENT_KEY.test(value)) return setProblem(t('tthcAdmin.versions.keyInvalid'));
    if (items?.some((i) => i.key === value)) return setProblem(t('tthcAdmin.versions.keyTaken'));
    setProblem(null);
    setKey('');
    onCreate(value);
  };
  return (
    <Card withBorder p="xs">
      <QueryState isPending={isPending} error={error} isEmpty={!items?.length}>
        <nav aria-label={label}>
          {items?.map((doc) => (
            <NavLink
              key={doc.key}
              component="button"
              label={doc.title}
              description={
                <Group gap={4} component="span">
                  <span>{doc.key}</span>
                  {doc.publishedVersion !== null && (
                    <Badge size="xs" variant="light" component="span">
                      {t('tthcAdmin.versions.publishedShort', { version: doc.publishedVersion })}
                    </Badge>
                  )}
                  {doc.draftVersion !== null && (
                    <Badge size="xs" variant="outline" color="orange" component="span">
                      {t('tthcAdmin.versions.draftShort', { version: doc.draftVersion })}
                    </Badge>
                  )}
                </Group>
              }
              title={t('tthcAdmin.versions.updatedAt', { at: formatDateTime(doc.updatedAt) })}
              active={doc.key === selected}
              aria-current={doc.key === selected ? 'true' : undefined}
              onClick={() => onSelect(doc.key)}
            />
          ))}
        </nav>
      </QueryState>
      <form onSubmit={onSubmit} noValidate aria-label={t('tthcAdmin.versions.newTitle')}>
        <Stack gap={4} mt="sm" p="xs">
          <TextInput
            label={t('tthcAdmin.versions.newKey')}
            description={t('tthcAdmin.versions.newKeyHint')}
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            maxLength={80}
            styles={monoInput}
            error={problem}
          />
          <Group justify="flex-end">
            <Button type="submit" size="compact-sm" variant="light">
              {t('tthcAdmin.versions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

