/** <Spacer size?="l" />: vertical space, EUI sizes xs 4 | s 8 | m 16 | l 24 (default) | xl 32 | xxl 40 px. */
export interface SpacerProps {
  size?: 'xs' | 's' | 'm' | 'l' | 'xl' | 'xxl';
}

export function Spacer({ size = 'l' }: SpacerProps) {
  return <div className={`pc-spacer pc-spacer--${size}`} aria-hidden="true" />;
}
