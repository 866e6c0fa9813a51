/**
 * <EmptyPrompt iconType? iconColor? title body? actions? footer? color? headingLevel? titleSize? hasBorder?>:
 * EuiEmptyPrompt, centred, max width 576px. Used for "nothing here yet" and permission errors:
 *   <EmptyPrompt color="danger" iconType="securityApp" iconColor="danger"
 *     title="You need permission to manage user profiles" body="Contact your system administrator." />
 * - color: 'transparent' (default) | 'plain' | 'subdued' | 'primary' | 'warning' | 'danger'
 * - headingLevel: 'h2' (default) | 'h1' (when the prompt is the whole page) | 'h3'
 * - actions: one node or an array (rendered in a row, centred).
 */
import type { ReactNode } from 'react';
import { cx } from './class-names';
import { Icon, type IconType } from './icon';

export interface EmptyPromptProps {
  iconType?: IconType;
  iconColor?: 'subdued' | 'primary' | 'success' | 'warning' | 'danger';
  icon?: ReactNode;
  title: ReactNode;
  titleSize?: 'm' | 's';
  headingLevel?: 'h1' | 'h2' | 'h3';
  body?: ReactNode;
  actions?: ReactNode | ReactNode[];
  footer?: ReactNode;
  color?: 'transparent' | 'plain' | 'subdued' | 'primary' | 'warning' | 'danger';
  hasBorder?: boolean;
  className?: string;
  'data-testid'?: string;
}

export function EmptyPrompt({
  iconType,
  iconColor = 'subdued',
  icon,
  title,
  titleSize = 'm',
  headingLevel = 'h2',
  body,
  actions,
  footer,
  color = 'transparent',
  hasBorder,
  className,
  ...rest
}: EmptyPromptProps) {
  const Heading = headingLevel;
  const actionList = Array.isArray(actions) ? actions : actions ? [actions] : [];
  return (
    <div
      className={cx(
        'pc-empty-prompt',
        color !== 'transparent' && `pc-empty-prompt--${color}`,
        hasBorder && 'pc-empty-prompt--bordered',
        className,
      )}
      {...rest}
    >
      {icon ?? (iconType ? (
        <div className={cx('pc-empty-prompt__icon', `pc-empty-prompt__icon--${iconColor}`)}>
          <Icon type={iconType} size="xxl" />
        </div>
      ) : null)}
      <Heading className={cx('pc-empty-prompt__title', titleSize === 's' && 'pc-empty-prompt__title--s')}>
        {title}
      </Heading>
      {body ? <div className="pc-empty-prompt__body">{body}</div> : null}
      {actionList.length > 0 ? (
        <div className="pc-empty-prompt__actions">
          {actionList.map((action, i) => (
            <div key={i}>{action}</div>
          ))}
        </div>
      ) : null}
      {footer ? <div className="pc-empty-prompt__footer">{footer}</div> : null}
    </div>
  );
}
