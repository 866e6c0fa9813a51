import Link from 'next/link';
import { buttonClassName } from '@/components/ui/button';
import { EmptyPrompt } from '@/components/ui/empty-prompt';

/** An unknown username, inside the console chrome (whose <main> already wraps this). */
export default function UserNotFound() {
  return (
    <EmptyPrompt
      color="plain"
      iconType="users"
      headingLevel="h1"
      title="User not found"
      body={<p>No user has this name. It may have been deleted.</p>}
      actions={
        <Link href="/users" className={buttonClassName({ display: 'fill' })}>
          Back to users
        </Link>
      }
      data-testid="userNotFound"
    />
  );
}
