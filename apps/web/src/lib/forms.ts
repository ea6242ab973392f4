import { ApiError } from '../api/client.ts';
import type { FormEvent } from 'react';

/** The server's message for a field of a rejected form (400 request.invalid `details`). */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldMessage(field) : undefined;
}

/** Trimmed string values of a submitted form. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) if (typeof value === 'string') values[key] = value.trim();
  return values;
}

/** A form's submit handler that runs `action` instead of the browser's navigation. */
export const submitWith = (action: () => void) => (event: FormEvent) => {
  event.preventDefault();
  action();
};
