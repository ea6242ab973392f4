import { Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './CalendarMonth.module.css';

const pad = (n: number) => String(n).padStart(2, '0');

export interface DayStatus {
  working: boolean;
  /** Holiday, compensatory day or adjusted day: shown highlighted. */
  special: boolean;
  name?: string;
}

/** Without data for a day, the law's weekly pattern applies: Saturday and Sunday off. */
export function dayStatus(iso: string, days: Map<string, DayStatus>): DayStatus {
  const known = days.get(iso);
  if (known) return known;
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return { working: weekday !== 0 && weekday !== 6, special: false };
}

/** One month as a table, weeks starting on Monday (Thứ Hai) as in Viet Nam. */
export function CalendarMonth({ year, month, days }: { year: number; month: number; days: Map<string, DayStatus> }) {
  const { t } = useTranslation();
  const first = new Date(Date.UTC(year, month - 1, 1));
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offset = (first.getUTCDay() + 6) % 7;
  const cells: (number | null)[] = [...Array<null>(offset).fill(null), ...Array.from({ length }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const weekdays = t('calendar.weekdays').split(',');
  const monthName = t('calendar.month', { month });

  return (
    <Paper withBorder p="xs">
      <table className={classes.month}>
        <caption>
          <Text fw={700} size="sm">
            {monthName}
          </Text>
        </caption>
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((day, i) => {
                if (day === null) return <td key={i} />;
                const iso = `${year}-${pad(month)}-${pad(day)}`;
                const status = dayStatus(iso, days);
                const label = `${pad(day)}/${pad(month)}/${year}: ${status.working ? t('calendar.working') : t('calendar.nonWorking')}${status.name ? ` — ${status.name}` : ''}`;
                return (
                  <td
                    key={i}
                    className={classes.day}
                    data-off={!status.working || undefined}
                    data-holiday={(!status.working && status.special) || undefined}
                    data-made-up={(status.working && status.special) || undefined}
                    title={label}
                  >
                    <span aria-hidden>{day}</span>
                    <span className="sr-only">{label}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Paper>
  );
}
