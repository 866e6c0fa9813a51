/** cx('a', cond && 'b', undefined) -> "a b": joins truthy class names. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
