import Link from 'next/link';
import { EmptyPrompt } from '@/components/ui/empty-prompt';
import { buttonClassName } from '@/components/ui/button';

/** notFound() inside the console: rendered within the chrome, so no <main> of its own. */
export default function ConsoleNotFound() {
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
