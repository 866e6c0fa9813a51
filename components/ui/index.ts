/**
 * Profile Console UI kit: Kibana (EUI Borealis) look-alikes without EUI. Each component's file
 * documents its props at the top. Styles live in app/globals.css (classes prefixed `pc-`).
 */
export { Avatar, type AvatarProps } from './avatar';
export { Badge, BadgeGroup, type BadgeColor, type BadgeProps } from './badge';
export {
  Button,
  buttonClassName,
  type ButtonColor,
  type ButtonDisplay,
  type ButtonProps,
  type ButtonSize,
} from './button';
export { CallOut, type CallOutColor, type CallOutProps } from './call-out';
export { Checkbox, type CheckboxProps } from './checkbox';
export { cx } from './class-names';
export { CodeBlock, type CodeBlockProps } from './code-block';
export { CopyButton } from './copy-button';
export { ConfirmModal, type ConfirmModalProps } from './confirm-modal';
export { DescriptionList, type DescriptionListItem, type DescriptionListProps } from './description-list';
export { EmptyPrompt, type EmptyPromptProps } from './empty-prompt';
export { FormRow, type FormRowControlProps, type FormRowProps } from './form-row';
export { Icon, ICON_TYPES, type IconProps, type IconSize, type IconType } from './icon';
export { LoadingSpinner, type LoadingSpinnerProps } from './loading-spinner';
export { Modal, type ModalProps } from './modal';
export { PageHeader, type PageHeaderProps } from './page-header';
export { Panel, type PanelColor, type PanelProps } from './panel';
export { PasswordField, type PasswordFieldProps } from './password-field';
export {
  SegmentedControl,
  type SegmentedControlOption,
  type SegmentedControlProps,
} from './segmented-control';
export { Select, type SelectOption, type SelectProps } from './select';
export { Spacer, type SpacerProps } from './spacer';
export { Switch, type SwitchProps } from './switch';
export {
  Table,
  type TableColumn,
  type TableProps,
  type TableSelection,
  type TableSort,
} from './table';
export { TablePagination, type TablePaginationProps } from './table-pagination';
export { TextArea, type TextAreaProps } from './text-area';
export { TextField, type TextFieldProps } from './text-field';
export { ToastProvider, useToasts, type ToastApi, type ToastColor, type ToastInput } from './toast';
export { CodeInline, HorizontalRule, Text, Title, type TextProps, type TitleProps } from './typography';
export { useFocusTrap } from './use-focus-trap';
