import Link from 'next/link';
import { buttonClassName } from '@/components/ui/button';
import { EmptyPrompt } from '@/components/ui/empty-prompt';

/** An unknown role name, inside the console chrome (whose <main> already wraps this). */
export default function RoleNotFound() {
  return (
    <EmptyPrompt
      color="plain"
      iconType="securityApp"
      headingLevel="h1"
      title="Role not found"
      body={<p>No role has this name. It may have been deleted.</p>}
      actions={
        <Link href="/roles" className={buttonClassName({ display: 'fill' })}>
          Back to roles
        </Link>
      }
      data-testid="roleNotFound"
    />
  );
}
