import { describe, expect, it } from 'vitest';
import { malformedEscapeMessage, undecodablePathMessage } from './path-decoding';

describe('malformedEscapeMessage (RestUtils.decodeComponent messages)', () => {
  it('names the segment with the first malformed escape', () => {
    expect(malformedEscapeMessage('/_security/user/%')).toBe('unterminated escape sequence at end of string: %');
    expect(malformedEscapeMessage('/_security/user/ab%a')).toBe('partial escape sequence at end of string: ab%a');
    expect(malformedEscapeMessage('/_security/user/x%zzy')).toBe("invalid escape sequence `%zz' at index 1 of: x%zzy");
    expect(malformedEscapeMessage('/_foo/%g1/%')).toBe("invalid escape sequence `%g1' at index 0 of: %g1");
  });

  it('accepts well-formed escapes, "%%", and escapes of bytes that are not UTF-8', () => {
    for (const path of ['/_security/user/jack%20n', '/_security/user/a%%b', '/_security/user/%C3%28', '/_security/user/%e9', '/_x']) {
      expect(malformedEscapeMessage(path), path).toBeUndefined();
    }
  });
});

describe('undecodablePathMessage', () => {
  it('gives the malformed-escape message first', () => {
    expect(undecodablePathMessage('/_security/user/%C3%28/%')).toBe('unterminated escape sequence at end of string: %');
  });

  it('refuses "%%" and escaped bytes that are not UTF-8, which Next.js cannot route', () => {
    expect(undecodablePathMessage('/_security/user/a%%b')).toBe('path segment [a%%b] uses "%%" for "%": escape it as %25');
    expect(undecodablePathMessage('/_security/user/%C3%28')).toBe('path segment [%C3%28] does not decode to UTF-8 text');
  });

  it('accepts paths whose every segment decodes', () => {
    expect(undecodablePathMessage('/_security/user/%C3%A9t%C3%A9,jack%20n')).toBeUndefined();
  });
});
