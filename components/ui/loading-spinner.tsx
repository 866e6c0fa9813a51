/**
 * <LoadingSpinner size?="m" label?="Loading" inheritColor? decorative? />: circular spinner
 * (role="progressbar" with an accessible label unless `decorative`). Sizes s 12, m 16, l 24, xl 32.
 */
import { cx } from './class-names';

export interface LoadingSpinnerProps {
  size?: 's' | 'm' | 'l' | 'xl';
  label?: string;
  /** Use currentColor (inside buttons). */
  inheritColor?: boolean;
  /** Hide from assistive tech (when the surrounding element already announces busy state). */
  decorative?: boolean;
  className?: string;
}

export function LoadingSpinner({
  size = 'm',
  label = 'Loading',
  inheritColor,
  decorative,
  className,
}: LoadingSpinnerProps) {
  return (
    <span
      className={cx('pc-spinner', `pc-spinner--${size}`, inheritColor && 'pc-spinner--current', className)}
      {...(decorative ? { 'aria-hidden': true } : { role: 'progressbar', 'aria-label': label })}
    />
  );
}
