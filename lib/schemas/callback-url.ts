/** Where to go after signing in: only paths on this site ("/x"), never "//host" or "https://…". */
export function safeCallbackUrl(value: string | null | undefined, fallback = '/profiles/activate'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (value.startsWith('/login') || value.startsWith('/api/')) return fallback;
  return value;
}
