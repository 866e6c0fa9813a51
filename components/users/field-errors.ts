import type { FieldValues, Path, UseFormSetError, UseFormSetFocus } from 'react-hook-form';
import type { ConsoleApiError } from '@/components/api/console-api';

/**
 * Puts the BFF's field errors ({error:{fields:{username:"…"}}}) on the form's fields and focuses
 * the first one. Keys like "roles.0" land on "roles". Returns false when none of the fields are
 * the form's own (the caller then shows the error message elsewhere).
 */
export function applyServerFieldErrors<T extends FieldValues>(
  error: ConsoleApiError,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
  setFocus: UseFormSetFocus<T>,
): boolean {
  const own = new Set<string>(fields);
  let first: Path<T> | undefined;
  for (const [key, message] of Object.entries(error.fields ?? {})) {
    const field = key.split('.')[0];
    if (!own.has(field)) continue;
    setError(field as Path<T>, { type: 'server', message });
    first ??= field as Path<T>;
  }
  if (!first) return false;
  const target = first;
  // After the re-render that shows the error, so the description is announced with the field.
  setTimeout(() => setFocus(target), 0);
  return true;
}
