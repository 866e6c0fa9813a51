import { z } from 'zod';
import { invalidJsonMessage } from './json-syntax';

/**
 * Labels and data editors hold JSON text. Each must be a JSON object whose top-level keys
 * follow Elasticsearch's rules for application names (no dot, no leading underscore).
 */
function jsonObjectText(label: string) {
  return z.string().superRefine((text, ctx) => {
    let value: unknown;
    try {
      value = JSON.parse(text === '' ? '{}' : text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: invalidJsonMessage(label, text, (error as Error).message) });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a JSON object.` });
      return;
    }
    for (const key of Object.keys(value)) {
      if (key.includes('.')) ctx.addIssue({ code: 'custom', message: `Key "${key}" must not contain a dot.` });
      else if (key.startsWith('_')) ctx.addIssue({ code: 'custom', message: `Key "${key}" must not start with an underscore.` });
    }
  });
}

export const profileDataFormSchema = z
  .object({ labels: jsonObjectText('Labels'), data: jsonObjectText('Data') })
  .superRefine((v, ctx) => {
    const labels = parseObject(v.labels);
    const data = parseObject(v.data);
    // A field that is not a JSON object already has its own error; "empty" would only mislead.
    if (labels === undefined || data === undefined) return;
    if (Object.keys(labels).length + Object.keys(data).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['data'], message: 'Add at least one key to labels or data.' });
    }
  });

export type ProfileDataFormInput = z.input<typeof profileDataFormSchema>;

export function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text === '' ? '{}' : text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
