import { EmptyPrompt } from '@/components/ui/empty-prompt';

/** Kibana's "you need permission" page, shown instead of a form the admin may not use. */
export function PermissionPrompt({ privilege, what }: { privilege: string; what: string }) {
  return (
    <EmptyPrompt
      color="plain"
      iconType="securityApp"
      iconColor="danger"
      headingLevel="h1"
      title={`You need permission to ${what}`}
      body={
        <p>
          Your roles do not grant the <code>{privilege}</code> cluster privilege. Contact your administrator.
        </p>
      }
      data-testid="permissionPrompt"
    />
  );
}
