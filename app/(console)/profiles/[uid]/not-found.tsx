import Link from 'next/link';
import { buttonClassName } from '@/components/ui/button';
import { EmptyPrompt } from '@/components/ui/empty-prompt';

/** An unknown uid under /profiles: the console chrome stays, with a way back to the finder. */
export default function ProfileNotFound() {
  return (
    <EmptyPrompt
      color="plain"
      iconType="user"
      headingLevel="h1"
      title="Profile not found"
      body={
        <p>
          There is no user profile with this uid. Check the address, or find the profile by username, full name or
          email address.
        </p>
      }
      actions={
        <Link href="/profiles" className={buttonClassName({ display: 'fill' })}>
          Find profiles
        </Link>
      }
      data-testid="profileNotFound"
    />
  );
}
