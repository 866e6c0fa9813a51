/**
 * <LogoMark size?={24} />: the Profile Console product mark (our own drawing: a person on a blue
 * tile with a teal status dot). Decorative; the product name next to it carries the meaning.
 */
export function LogoMark({ size = 24 }: { size?: number }) {
  return (
    <svg
      className="pc-logo-mark"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" fill="#0B64DD" />
      <circle cx="16" cy="12.5" r="5" fill="#FFFFFF" />
      <path d="M6.5 27c.6-5.2 4.5-8.5 9.5-8.5s8.9 3.3 9.5 8.5Z" fill="#FFFFFF" />
      <circle cx="25.5" cy="6.5" r="4" fill="#16C5C0" stroke="#0B64DD" strokeWidth="1.5" />
    </svg>
  );
}
