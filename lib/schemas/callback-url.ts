/**
 * Where to go after signing in: only paths on this site ("/x"), never "//host", "https://…",
 * or anything a browser would turn into one (it drops tabs and line breaks in URLs and reads
 * "\\" as "/", so "/\t/evil.com" and "/\\evil.com" would leave the site).
 */
export function safeCallbackUrl(value: string | null | undefined, fallback = '/profiles/activate'): string {
  if (!value || !value.startsWith('/')) return fallback;
  // Control characters, spaces and backslashes have no place in the console's own paths.
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return fallback;
  if (value.startsWith('//')) return fallback;
  if (value.startsWith('/login') || value.startsWith('/api/')) return fallback;
  return value;
}
