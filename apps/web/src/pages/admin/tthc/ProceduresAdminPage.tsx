import { Badge, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveFile, tthcAdminApi, type Level, type Procedure } from '../../../api/tthc-admin.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { Pager } from '../../../components/Pager.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { todayIso } from '../../../lib/format.ts';
import { LEVELS } from './drafts.ts';
import { ImportProceduresModal } from './ImportProceduresModal.tsx';
import { adminKeys, useFieldOptions } from './lookups.ts';
import { OfferingsPanel } from './OfferingsPanel.tsx';
import { ProcedureFormModal } from './ProcedureFormModal.tsx';
import { TableScroll } from '../../../components/TableScroll.tsx';
import { VerificationBadge } from './VerificationBadge.tsx';

const PAGE_SIZE = 20;

/** The procedure catalogue (TTHC): search, create, edit, where each is offered, export and import. */
export function ProceduresAdminPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [fieldCode, setFieldCode] = useState<string | null>(null);
  const [level, setLevel] = useState<Level | null>(null);
  const [includeInactive, setIncludeInactive] = useState(true);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [offeringsOf, setOfferingsOf] = useState<Procedure | null>(null);
  const fields = useFieldOptions();
  const fieldName = new Map(fields.options.map((o) => [o.value, o.label]));

  const query = useQuery({
    queryKey: [...adminKeys.procedures, 'list', q, fieldCode, level, includeInactive, page],
    queryFn: ({ signal }) =>
      tthcAdminApi.procedures({ q: q || undefined, fieldCode: fieldCode ?? undefined, level: level ?? undefined, includeInactive, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  const download = useMutation({
    mutationFn: async (format: 'json' | 'csv') => saveFile(await tthcAdminApi.exportProcedures(format), `thu-tuc-hanh-chinh-${todayIso()}.${format}`),
  });
  const filter = <V,>(setter: (v: V) => void) => (value: V) => {
    setter(value);
    setPage(1);
  };
  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={t('tthcAdmin.procedures.title')}
        description={t('tthcAdmin.procedures.description')}
        actions={
          <>
            <Button onClick={() => setEditing('new')}>{t('tthcAdmin.procedures.create')}</Button>
            <Button variant="light" onClick={() => setImporting(true)}>
              {t('tthcAdmin.procedures.import')}
            </Button>
            {(['json', 'csv'] as const).map((format) => (
              <Button key={format} variant="default" loading={download.isPending && download.variables === format} onClick={() => download.mutate(format)}>
                {t('tthcAdmin.procedures.export', { format: format.toUpperCase() })}
              </Button>
            ))}
          </>
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mb="md">
        <TextInput label={t('tthcAdmin.procedures.search')} description={t('tthcAdmin.procedures.searchHint')} type="search" value={search} onChange={(e) => filter(setSearch)(e.currentTarget.value)} />
        <Select label={t('tthcAdmin.procedure.field')} data={fields.options} value={fieldCode} onChange={filter(setFieldCode)} searchable clearable nothingFoundMessage={t('common.noMatch')} />
        <Select
          label={t('tthcAdmin.procedure.level')}
          data={LEVELS.map((l) => ({ value: l, label: t(`tthcAdmin.level.${l}`) }))}
          value={level}
          onChange={(v) => filter(setLevel)(v as Level | null)}
          clearable
        />
        <Checkbox mt={{ lg: 'xl' }} label={t('tthcAdmin.procedures.includeInactive')} checked={includeInactive} onChange={(e) => filter(setIncludeInactive)(e.currentTarget.checked)} />
      </SimpleGrid>
      <ErrorAlert error={download.error} />
      <QueryState isPending={query.isPending} error={query.error} isEmpty={items.length === 0} emptyText={t('tthcAdmin.procedures.empty')}>
        <TableScroll minWidth={900} label={t('tthcAdmin.procedures.title')}>
          <Table striped highlightOnHover aria-label={t('tthcAdmin.procedures.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tthcAdmin.procedure.nationalCode')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.procedure.name')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.procedure.level')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.procedures.days')}</Table.Th>
                <Table.Th scope="col">{t('tthcAdmin.procedures.status')}</Table.Th>
                <Table.Th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {p.nationalCode}
                    <VerificationBadge verification={p.verification} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.name}</Text>
                    <Text size="xs" c="dimmed">
                      {fieldName.get(p.fieldCode) ?? p.fieldCode} · v{p.version}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`tthcAdmin.level.${p.level}`)}</Table.Td>
                  <Table.Td>{p.processingDays}</Table.Td>
                  {/* A badge's text is cut rather than wrapped: the cell keeps room for the longest one. */}
                  <Table.Td miw={220}>
                    <Stack gap={4} align="flex-start">
                      <Badge variant="light" color={p.active ? 'sen' : 'gray'}>
                        {p.active ? t('tthcAdmin.active') : t('tthcAdmin.inactive')}
                      </Badge>
                      {p.fullyOnline && <Badge variant="outline">{t('tthcAdmin.procedures.fullyOnlineBadge')}</Badge>}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="compact-sm" variant="light" onClick={() => setEditing(p.id)}>
                        {t('common.edit')}
                        <span className="sr-only"> {p.nationalCode}</span>
                      </Button>
                      <Button size="compact-sm" variant="subtle" onClick={() => setOfferingsOf(p)}>
                        {t('tthcAdmin.procedures.offerings')}
                        <span className="sr-only"> {p.nationalCode}</span>
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <Pager total={total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
      </QueryState>

      {editing && <ProcedureFormModal procedureId={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {importing && <ImportProceduresModal onClose={() => setImporting(false)} />}
      {offeringsOf && (
        <Modal opened onClose={() => setOfferingsOf(null)} title={t('tthcAdmin.offerings.of', { name: offeringsOf.name })} size="xl">
          <OfferingsPanel procedureId={offeringsOf.id} />
        </Modal>
      )}
    </>
  );
}
