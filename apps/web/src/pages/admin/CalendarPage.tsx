import { Alert, Badge, Button, Card, Group, Radio, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, type ExceptionKind } from '../../api/catalog.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { fieldError, formValues } from '../../lib/forms.ts';
import { formatDate, parseDate, todayIso } from '../../lib/format.ts';
import { DateField } from '../../components/DateField.tsx';
import { CalendarMonth, type DayStatus } from './CalendarMonth.tsx';

export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const calendar = useQuery({ queryKey: ['catalog', 'calendar', year], queryFn: () => catalogApi.calendar(year) });
  const exceptions = useQuery({ queryKey: ['catalog', 'calendar', year, 'exceptions'], queryFn: () => catalogApi.exceptions(year) });
  const days = useMemo(() => {
    const map = new Map<string, DayStatus>();
    const en = i18n.language === 'en';
    for (const d of calendar.data?.daysOff ?? []) {
      const name = (en && d.nameEn) || d.name;
      map.set(d.date, { working: false, special: d.kind !== 'weekend', name: d.provisional ? `${name} (${t('calendar.provisionalDay')})` : name });
    }
    for (const d of calendar.data?.workingDays ?? []) map.set(d.date, { working: true, special: true, name: (en && d.nameEn) || d.name });
    return map;
  }, [calendar.data, i18n.language, t]);
  const undecided = calendar.data?.decided === false;
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ['catalog', 'calendar', year] });
  const remove = useMutation({ mutationFn: catalogApi.removeException, onSuccess: invalidate });
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear - 1 + i));

  return (
    <>
      <PageHeader title={t('calendar.title')} description={t('calendar.description')} />
      <Group mb="md" align="flex-end">
        <Select label={t('calendar.year')} data={years} value={String(year)} onChange={(v) => v && setYear(Number(v))} allowDeselect={false} w={140} />
        <Group gap="xs" aria-label={t('calendar.legend')}>
          <Badge color="gray" variant="light">{t('calendar.nonWorking')}</Badge>
          <Badge color="lotus" variant="light">{t('calendar.holiday')}</Badge>
          <Badge color="sen" variant="outline">{t('calendar.madeUp')}</Badge>
        </Group>
      </Group>
      {undecided && (
        <Alert color="yellow" mb="md">
          {t('calendar.provisional', { year })}
        </Alert>
      )}
      <QueryState isPending={calendar.isPending} error={calendar.error}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} mb="xl">
          {Array.from({ length: 12 }, (_, m) => (
            <CalendarMonth key={m} year={year} month={m + 1} days={days} />
          ))}
        </SimpleGrid>
      </QueryState>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('calendar.exceptions')}
          </Title>
          <ErrorAlert error={remove.error} />
          <QueryState isPending={exceptions.isPending} error={exceptions.error} isEmpty={!exceptions.data?.items.length} emptyText={t('calendar.noExceptions')}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('calendar.date')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.kind')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.name')}</Table.Th>
                  <Table.Th scope="col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {exceptions.data?.items.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td>{formatDate(x.date)}</Table.Td>
                    <Table.Td>{t(`calendar.kinds.${x.kind}`)}</Table.Td>
                    <Table.Td>{x.name}</Table.Td>
                    <Table.Td>
                      <Button size="compact-sm" color="red" variant="subtle" loading={remove.isPending && remove.variables === x.id} onClick={() => remove.mutate(x.id)}>
                        {t('common.remove')}
                        <span className="sr-only"> {formatDate(x.date)}</span>
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </QueryState>
        </Card>
        <AddException onAdded={invalidate} />
      </SimpleGrid>
    </>
  );
}

function AddException({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ExceptionKind>('day_off');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const add = useMutation({ mutationFn: catalogApi.addException, onSuccess: onAdded });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const date = values.date ? parseDate(values.date) : undefined;
    const problems: Record<string, string> = {};
    if (!values.date) problems.date = t('form.required');
    else if (!date) problems.date = t('form.invalidDate');
    if (!values.name) problems.name = t('form.required');
    setProblems(problems);
    if (date && values.name) add.mutate({ date, name: values.name, kind }, { onSuccess: () => form.reset() });
  };
  const error = (name: string) => problems[name] ?? fieldError(add.error, name);
  return (
    <Card withBorder>
      <form onSubmit={onSubmit} noValidate aria-labelledby="add-exception-title">
        <Stack>
          <Title order={2} size="h4" id="add-exception-title">
            {t('calendar.addException')}
          </Title>
          <DateField name="date" label={t('calendar.date')} required error={error('date')} />
          <Radio.Group label={t('calendar.kind')} value={kind} onChange={(v) => setKind(v as ExceptionKind)}>
            <Group mt={4}>
              <Radio value="day_off" label={t('calendar.kinds.day_off')} />
              <Radio value="working_day" label={t('calendar.kinds.working_day')} />
            </Group>
          </Radio.Group>
          <TextInput name="name" label={t('calendar.name')} description={t('calendar.nameHint')} required error={error('name')} />
          <ErrorAlert error={add.error && !fieldError(add.error, 'date') && !fieldError(add.error, 'name') ? add.error : null} />
          {add.isSuccess && (
            <Text size="sm" c="sen.8" role="status">
              {t('common.saved')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending}>
              {t('calendar.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
