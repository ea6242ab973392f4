import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format.ts';
import { StatusBadge, useTransitionLabel } from './status.tsx';

export interface TimelineEvent {
  at: string;
  action: string;
  toStatus: string;
  note: string | null;
  actorName?: string;
  details?: Record<string, unknown>;
}

/** What happened to a dossier, oldest first; a step's transition is named by the process ("Trình lãnh đạo"), in English by the catalogue where it knows the code. */
export function HistoryTimeline({ events }: { events: TimelineEvent[] }) {
  const { t } = useTranslation();
  const transitionLabel = useTransitionLabel();
  if (events.length === 0) return <Text size="sm" c="dimmed">{t('common.empty')}</Text>;
  return (
    <Timeline active={events.length - 1} bulletSize={14} lineWidth={2} aria-label={t('tthc.history.title')}>
      {events.map((event, index) => {
        const step = typeof event.details?.stepName === 'string' ? event.details.stepName : undefined;
        const code = typeof event.details?.transition === 'string' ? event.details.transition : '';
        const labelEn = typeof event.details?.labelEn === 'string' ? event.details.labelEn : undefined;
        const label = typeof event.details?.label === 'string' ? transitionLabel(code, event.details.label, labelEn) : undefined;
        const title = event.action === 'transition' && step && label ? `${step}: ${label}` : t(`tthc.actions.${event.action}`, { defaultValue: event.action });
        return (
          <Timeline.Item key={index} title={title}>
            <Text size="xs" c="dimmed">
              {formatDateTime(event.at)}
              {event.actorName ? ` · ${event.actorName}` : ''}
            </Text>
            <StatusBadge status={event.toStatus} />
            {event.note && (
              <Text size="sm" mt={4}>
                {event.note}
              </Text>
            )}
            <IntakeOverride details={event.details} />
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

/** An acceptance despite missing parts shows its reason and what was missing (officials only: the server keeps it from applicants). */
export function IntakeOverride({ details }: { details: Record<string, unknown> | undefined }) {
  const { t } = useTranslation();
  const intake = details?.intake as { override?: { reason?: unknown }; parts?: { partCode: string; name: string; required: boolean; problem: string | null }[] } | undefined;
  const reason = intake?.override?.reason;
  if (typeof reason !== 'string') return null;
  const missing = (intake?.parts ?? []).filter((p) => p.required && p.problem).map((p) => p.name);
  return (
    <>
      <Text size="sm" mt={4} c="orange.9">{t('tthc.checklist.historyOverride', { reason })}</Text>
      {missing.length > 0 && <Text size="xs" c="dimmed">{t('tthc.checklist.historyMissing', { parts: missing.join('; ') })}</Text>}
    </>
  );
}
