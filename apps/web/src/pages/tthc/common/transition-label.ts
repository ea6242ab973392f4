import type { i18n as I18n } from 'i18next';

/**
 * A process transition's label: in Vietnamese always the process definition's own label (it is
 * data, and one code may carry different labels in different processes); in English the process's
 * own English label when it has one, else the catalogue's label for a known transition code
 * (`tthc.transitions.*`), else the process's label.
 */
export function transitionLabel(i18n: Pick<I18n, 'language' | 'exists' | 't'>, code: string, processLabel: string, processLabelEn?: string): string {
  if (i18n.language !== 'en') return processLabel;
  if (processLabelEn) return processLabelEn;
  const key = `tthc.transitions.${code}`;
  return i18n.exists(key, { lng: 'en', fallbackLng: false }) ? i18n.t(key) : processLabel;
}
