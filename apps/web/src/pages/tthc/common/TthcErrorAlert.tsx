import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { localisedError } from './errors.ts';

/** ErrorAlert with the tthc server's bilingual messages localised and known codes explained. */
export function TthcErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t, i18n } = useTranslation();
  return <ErrorAlert error={localisedError(error, t, i18n.language)} title={title} />;
}
