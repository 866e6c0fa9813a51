/**
 * Text helpers.
 * - <Title size?="m" as?="h2">: EuiTitle; sizes xxxs 12 | xxs 14 | xs 16 | s 20 | m 24 | l 30 px, 600.
 * - <Text size?="s" color?="default|subdued" as?="div|p|span">: body copy (paragraph spacing inside).
 * - <HorizontalRule />: 1px divider with 24px margins.
 * - <CodeInline>: inline monospace code.
 */
import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from './class-names';

export interface TitleProps extends HTMLAttributes<HTMLHeadingElement> {
  size?: 'xxxs' | 'xxs' | 'xs' | 's' | 'm' | 'l';
  as?: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'p' | 'span';
  children: ReactNode;
}

export function Title({ size = 'm', as: Element = 'h2', className, ...rest }: TitleProps) {
  return <Element className={cx('pc-title', `pc-title--${size}`, className)} {...rest} />;
}

export interface TextProps extends Omit<HTMLAttributes<HTMLElement>, 'color'> {
  size?: 'xs' | 's' | 'm';
  color?: 'default' | 'subdued';
  as?: 'div' | 'p' | 'span';
}

export function Text({ size = 's', color = 'default', as: Element = 'div', className, ...rest }: TextProps) {
  return (
    <Element
      className={cx('pc-text', `pc-text--${size}`, color === 'subdued' && 'pc-text--subdued', className)}
      {...rest}
    />
  );
}

export function HorizontalRule({ className, ...rest }: HTMLAttributes<HTMLHRElement>) {
  return <hr className={cx('pc-hr', className)} {...rest} />;
}

export function CodeInline({ className, ...rest }: HTMLAttributes<HTMLElement>) {
  return <code className={cx('pc-code-inline', className)} {...rest} />;
}
