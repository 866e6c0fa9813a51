'use client';
/**
 * <ConfirmModal title onCancel onConfirm confirmButtonText? cancelButtonText? buttonColor?
 *   isLoading? busyLabel? confirmButtonDisabled? defaultFocusedButton?>body</ConfirmModal>:
 * EuiConfirmModal. Render only while open. Title phrased as a question ("Disable profile 'x'?").
 * - buttonColor 'danger' for destructive confirms; the confirm button then is danger-filled and
 *   Cancel gets initial focus (defaultFocusedButton overrides: 'confirm' | 'cancel').
 * - isLoading: confirm shows a spinner + busyLabel ("Disabling profile…"), Cancel and Escape are
 *   disabled until it settles.
 * - Escape / Cancel call onCancel; focus returns to the opener.
 */
import { useRef, type ReactNode } from 'react';
import { Button } from './button';
import { Modal } from './modal';

export interface ConfirmModalProps {
  title: ReactNode;
  onCancel: () => void;
  onConfirm: () => void;
  children?: ReactNode;
  confirmButtonText?: ReactNode;
  cancelButtonText?: ReactNode;
  buttonColor?: 'primary' | 'danger';
  isLoading?: boolean;
  busyLabel?: ReactNode;
  confirmButtonDisabled?: boolean;
  defaultFocusedButton?: 'confirm' | 'cancel';
  'data-testid'?: string;
}

export function ConfirmModal({
  title,
  onCancel,
  onConfirm,
  children,
  confirmButtonText = 'Confirm',
  cancelButtonText = 'Cancel',
  buttonColor = 'primary',
  isLoading = false,
  busyLabel,
  confirmButtonDisabled,
  defaultFocusedButton,
  ...rest
}: ConfirmModalProps) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const focus = defaultFocusedButton ?? (buttonColor === 'danger' ? 'cancel' : 'confirm');
  return (
    <Modal
      title={title}
      onClose={onCancel}
      hideCloseButton
      closeOnEscape={!isLoading}
      initialFocus={focus === 'confirm' ? confirmRef : cancelRef}
      footer={
        <>
          <Button ref={cancelRef} display="empty" onClick={onCancel} disabled={isLoading}>
            {cancelButtonText}
          </Button>
          <Button
            ref={confirmRef}
            display="fill"
            color={buttonColor}
            onClick={onConfirm}
            isLoading={isLoading}
            busyLabel={busyLabel}
            disabled={confirmButtonDisabled}
          >
            {confirmButtonText}
          </Button>
        </>
      }
      {...rest}
    >
      {children}
    </Modal>
  );
}
