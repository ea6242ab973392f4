import type { TFunction } from 'i18next';
import type { PostalChoiceInput, ReceiveMethod, SubmitMethod } from '../../api/postal.ts';

/** The filing wizard's state of the postal choice. */
export interface PostalChoiceDraft {
  submit: SubmitMethod;
  receive: ReceiveMethod;
  name: string;
  phone: string;
  line: string;
  communeCode: string;
}

export type PostalChoiceErrors = Partial<Record<'name' | 'phone' | 'line' | 'communeCode', string>>;

const PHONE = /^(?:\+84|84|0)(?:[35789][0-9]{8}|2[0-9]{9})$/;

/** Online filing: the papers are uploaded, the result is collected at the desk, unless the applicant says otherwise. */
export const initialPostalChoice = (name: string, phone: string): PostalChoiceDraft => ({ submit: 'online', receive: 'desk', name, phone, line: '', communeCode: '' });

export const byPost = (draft: Pick<PostalChoiceDraft, 'submit' | 'receive'>): boolean => draft.submit === 'post' || draft.receive === 'post';

/** What must be there when either way is by post (the server checks the same). */
export function checkPostalChoice(draft: PostalChoiceDraft, t: TFunction): PostalChoiceErrors {
  if (!byPost(draft)) return {};
  const errors: PostalChoiceErrors = {};
  if (!draft.name.trim()) errors.name = t('postal.errors.name');
  if (!PHONE.test(draft.phone.trim())) errors.phone = t('postal.errors.phone');
  if (!draft.line.trim()) errors.line = t('postal.errors.line');
  if (!draft.communeCode) errors.communeCode = t('postal.errors.commune');
  return errors;
}

export function toPostalChoice(draft: PostalChoiceDraft): PostalChoiceInput {
  const choice: PostalChoiceInput = { submit: draft.submit, receive: draft.receive };
  if (byPost(draft)) choice.recipient = { name: draft.name.trim(), phone: draft.phone.trim(), address: { line: draft.line.trim(), communeCode: draft.communeCode } };
  return choice;
}
