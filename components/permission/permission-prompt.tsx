import type { ReactNode } from 'react';
import { EmptyPrompt } from '@/components/ui/empty-prompt';

/** The console's access-denied page body (Kibana's security prompt): a lock, a heading, the why. */
export function DeniedPrompt({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return <EmptyPrompt color="plain" iconType="securityApp" iconColor="danger" headingLevel="h1" title={title} body={children} data-testid={testId} />;
}

/** Kibana's "you need permission" page, shown instead of a form the admin may not use. */
export function PermissionPrompt({ privilege, what }: { privilege: string; what: string }) {
  return (
    <DeniedPrompt title={`You need permission to ${what}`} testId="permissionPrompt">
      <p>
        Your roles do not grant the <code>{privilege}</code> cluster privilege. Contact your administrator.
      </p>
    </DeniedPrompt>
  );
}
