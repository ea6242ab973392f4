import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';

/**
 * The tthc server answers messages as "Vietnamese / English". Known codes get the catalogue's
 * wording (with what to do next); others keep the server's text in the reader's language.
 */
const KNOWN: Record<string, string> = {
  'dossier.version_conflict': 'tthc.errors.versionConflict',
  'dossier.action_not_allowed': 'tthc.errors.actionNotAllowed',
  'dossier.lookup_failed': 'tthc.errors.lookupFailed',
  'dossier.lookup_rate_limited': 'tthc.errors.lookupRateLimited',
  'dossier.form_invalid': 'tthc.errors.formInvalid',
  'dossier.parts_missing': 'tthc.errors.partsMissing',
  'dossier.comment_required': 'tthc.errors.commentRequired',
  'dossier.invalid_due_date': 'tthc.errors.invalidDueDate',
  'dossier.due_date_not_working_day': 'tthc.errors.dueDateNotWorkingDay',
  'dossier.assignee_not_eligible': 'tthc.errors.assigneeNotEligible',
  'dossier.citizens_only': 'tthc.errors.citizensOnly',
  'dossier.identity_required': 'tthc.errors.identityRequired',
  'dossier.online_not_offered': 'tthc.errors.onlineNotOffered',
  'dossier.not_found': 'tthc.errors.dossierNotFound',
  'dossier.document_not_issued': 'tthc.errors.documentNotIssued',
  'upload.content_mismatch': 'tthc.errors.uploadContentMismatch',
  'upload.too_large': 'tthc.errors.uploadTooLarge',
  'upload.type_not_accepted': 'tthc.errors.uploadTypeNotAccepted',
  'upload.empty': 'tthc.errors.uploadEmpty',
  'dossier.not_representative': 'tthc.errors.notRepresentative',
  'dossier.applicant_type_not_offered': 'tthc.errors.applicantTypeNotOffered',
  'rating.already_rated': 'tthc.errors.alreadyRated',
  'rating.not_returned': 'tthc.errors.ratingNotReturned',
  'rating.applicant_only': 'tthc.errors.ratingApplicantOnly',
};

/** "Tiếng Việt / English" → the half in the reader's language (the whole text when not bilingual). */
export function localise(message: string, language: string): string {
  const halves = message.split(' / ');
  if (halves.length !== 2) return message;
  return (language === 'en' ? halves[1] : halves[0])!.trim();
}

export function tthcMessage(error: unknown, t: TFunction, language: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const key = KNOWN[error.code];
  return key ? t(key) : localise(error.message, language);
}

/** The error with its message localised, for ErrorAlert (which shows `message` and the request id). */
export function localisedError(error: unknown, t: TFunction, language: string): unknown {
  if (!(error instanceof ApiError)) return error;
  return new ApiError(error.status, { code: error.code, message: tthcMessage(error, t, language), requestId: error.requestId });
}

export const isVersionConflict = (error: unknown) => error instanceof ApiError && error.code === 'dossier.version_conflict';

/** Localises errors for QueryState / ErrorAlert in the current language. */
export function useLocalisedError(): (error: unknown) => unknown {
  const { t, i18n } = useTranslation();
  return (error) => localisedError(error, t, i18n.language);
}
