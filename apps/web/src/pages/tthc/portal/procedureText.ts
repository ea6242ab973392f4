import type { TFunction } from 'i18next';

/** 0 working days means the same day (Luật Hộ tịch and the like). */
export function processingTime(days: number, t: TFunction): string {
  return days === 0 ? t('tthc.procedure.sameDay') : t('tthc.procedure.workingDays', { count: days });
}
