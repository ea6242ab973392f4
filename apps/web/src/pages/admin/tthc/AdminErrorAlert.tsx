import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';

/**
 * ErrorAlert titled in the reader's language for the tthc error codes an editor meets: the
 * server's own messages are mostly English, so the title says in Vietnamese what went wrong.
 */
export function AdminErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const code = error instanceof ApiError && error.code.startsWith('tthc.') ? error.code.slice('tthc.'.length) : null;
  const title = code ? t(`tthcAdmin.errorCodes.${code}`, { defaultValue: '' }) : '';
  return <ErrorAlert error={error} title={title || undefined} />;
}

/** A stale write (someone saved in between): the editor offers to reload the newest copy. */
export const isVersionConflict = (error: unknown) => error instanceof ApiError && error.code === 'tthc.version_conflict';
