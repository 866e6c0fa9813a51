import { describe, expect, it } from 'vitest';
import { profileDataFormSchema } from './profile-data';

/** The field → message map the editor shows (first message per field, as react-hook-form does). */
function fieldErrors(input: { labels: string; data: string }): Record<string, string> {
  const result = profileDataFormSchema.safeParse(input);
  const fields: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) fields[issue.path.join('.')] ??= issue.message;
  return fields;
}

describe('profileDataFormSchema', () => {
  it('reports only the invalid JSON, not "add at least one key", while a field does not parse', () => {
    const errors = fieldErrors({ labels: '{', data: '{}' });
    expect(Object.keys(errors)).toEqual(['labels']);
    expect(errors.labels).toMatch(/^Labels is not valid JSON/);
    expect(fieldErrors({ labels: '{}', data: '[1]' })).toEqual({ data: 'Data must be a JSON object.' });
  });

  it('asks for at least one key only when both fields are JSON objects and both are empty', () => {
    expect(fieldErrors({ labels: '{}', data: '' })).toEqual({ data: 'Add at least one key to labels or data.' });
    expect(profileDataFormSchema.safeParse({ labels: '{"team":"a"}', data: '{}' }).success).toBe(true);
    expect(profileDataFormSchema.safeParse({ labels: '', data: '{"kibana":{}}' }).success).toBe(true);
  });

  it('keeps the key rules', () => {
    expect(fieldErrors({ labels: '{"a.b":1}', data: '{}' })).toEqual({ labels: 'Key "a.b" must not contain a dot.' });
    expect(fieldErrors({ labels: '{}', data: '{"_x":1}' })).toEqual({ data: 'Key "_x" must not start with an underscore.' });
  });
});
