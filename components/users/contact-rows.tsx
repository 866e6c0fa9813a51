'use client';
/**
 * <ContactRows fullName email errors />: the optional "Full name" and "Email address" rows of the
 * Profile section, shared by the create and edit user forms (each binds its own form's fields).
 */
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FormRow } from '@/components/ui/form-row';
import { TextField } from '@/components/ui/text-field';

export interface ContactRowsProps {
  fullName: UseFormRegisterReturn;
  email: UseFormRegisterReturn;
  errors: { fullName?: string; email?: string };
}

const optional = <span className="pc-text pc-text--subdued">Optional</span>;

export function ContactRows({ fullName, email, errors }: ContactRowsProps) {
  return (
    <>
      <FormRow label="Full name" labelAppend={optional} error={errors.fullName}>
        <TextField autoComplete="off" data-testid="userFormFullName" {...fullName} />
      </FormRow>
      <FormRow label="Email address" labelAppend={optional} error={errors.email}>
        <TextField type="email" autoComplete="off" spellCheck={false} data-testid="userFormEmail" {...email} />
      </FormRow>
    </>
  );
}
