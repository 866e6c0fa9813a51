/**
 * <PageHeader pageTitle iconType? description? rightSideItems? bottomBorder? titleId?>{tabs…}</PageHeader>:
 * EuiPageHeader. pageTitle is the page's <h1> (30px/600); description is a subdued paragraph
 * 16px below; rightSideItems are laid out in reverse so the FIRST item (the primary, fill
 * button) is rightmost, as in EUI (DOM/tab order stays as given). bottomBorder draws a divider.
 * Children render under the title row (e.g. tabs or extra content).
 */
import type { ReactNode } from 'react';
import { cx } from './class-names';
import { Icon, type IconType } from './icon';

export interface PageHeaderProps {
  pageTitle: ReactNode;
  iconType?: IconType;
  description?: ReactNode;
  rightSideItems?: ReactNode[];
  bottomBorder?: boolean;
  titleId?: string;
  className?: string;
  children?: ReactNode;
}

export function PageHeader({
  pageTitle,
  iconType,
  description,
  rightSideItems,
  bottomBorder,
  titleId,
  className,
  children,
}: PageHeaderProps) {
  return (
    <header className={cx('pc-page-header', bottomBorder && 'pc-page-header--border', className)}>
      <div className="pc-page-header__top">
        <div className="pc-page-header__left">
          <h1 className="pc-page-header__title" id={titleId}>
            {iconType ? <Icon type={iconType} size="xl" /> : null}
            <span>{pageTitle}</span>
          </h1>
          {description ? <div className="pc-page-header__description">{description}</div> : null}
        </div>
        {rightSideItems && rightSideItems.length > 0 ? (
          <div className="pc-page-header__right">
            {rightSideItems.map((item, i) => (
              <div key={i}>{item}</div>
            ))}
          </div>
        ) : null}
      </div>
      {children}
    </header>
  );
}
