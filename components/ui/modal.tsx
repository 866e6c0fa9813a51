'use client';
/**
 * <Modal title onClose footer? size? initialFocus? role?>body</Modal>: EuiModal. Render it only
 * while open ({open && <Modal …/>}). Portal to <body>, overlay mask, role="dialog" (or
 * "alertdialog"), aria-modal, aria-labelledby → the title, focus trap, Escape and the close
 * button call onClose, focus returns to the opener on close, page scroll locked.
 * size: 's' 480px (default) | 'm' 640px | 'l' 880px.
 */
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { Button } from './button';
import { cx } from './class-names';
import { useFocusTrap } from './use-focus-trap';
import { useIsClient } from './use-is-client';

export interface ModalProps {
  title: ReactNode;
  onClose: () => void;
  children?: ReactNode;
  footer?: ReactNode;
  size?: 's' | 'm' | 'l';
  role?: 'dialog' | 'alertdialog';
  initialFocus?: RefObject<HTMLElement | null>;
  /** Hide the top-right close button (e.g. confirm modals, which have Cancel). */
  hideCloseButton?: boolean;
  /** Whether Escape closes (default true). Set false while a request is in flight. */
  closeOnEscape?: boolean;
  className?: string;
  'data-testid'?: string;
  'aria-describedby'?: string;
}

export function Modal({
  title,
  onClose,
  children,
  footer,
  size = 's',
  role = 'dialog',
  initialFocus,
  hideCloseButton,
  closeOnEscape = true,
  className,
  ...rest
}: ModalProps) {
  const isClient = useIsClient();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useFocusTrap(ref, {
    active: isClient,
    initialFocus,
    onEscape: () => {
      if (closeOnEscape) onClose();
    },
  });

  useEffect(() => {
    const body = document.body;
    const previous = body.style.overflow;
    body.style.overflow = 'hidden';
    return () => {
      body.style.overflow = previous;
    };
  }, []);

  if (!isClient) return null;
  return createPortal(
    <div className="pc-modal-mask">
      <div
        ref={ref}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={cx('pc-modal', size !== 's' && `pc-modal--${size}`, className)}
        {...rest}
      >
        <div className="pc-modal__header">
          <h2 className="pc-modal__title" id={titleId}>
            {title}
          </h2>
        </div>
        {hideCloseButton ? null : (
          <Button
            display="empty"
            color="text"
            size="s"
            iconOnly
            iconType="cross"
            aria-label="Close this dialog"
            className="pc-modal__close"
            onClick={onClose}
          />
        )}
        {children ? <div className="pc-modal__body">{children}</div> : null}
        {footer ? <div className="pc-modal__footer">{footer}</div> : null}
      </div>
    </div>,
    document.body,
  );
}
