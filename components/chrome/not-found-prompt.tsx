import Link from 'next/link';
import { EmptyPrompt } from '../ui/empty-prompt';
import { buttonClassName } from '../ui/button';

/** "Page not found", for the site's 404 page and for notFound() inside the console. */
export function NotFoundPrompt() {
  return (
    <EmptyPrompt
      color="plain"
      iconType="search"
      headingLevel="h1"
      title="Page not found"
      body={<p>The page you asked for does not exist or was moved.</p>}
      actions={
        <Link href="/profiles/activate" className={buttonClassName({ display: 'fill' })}>
          Go to Activate
        </Link>
      }
    />
  );
}
