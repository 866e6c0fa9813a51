import Link from 'next/link';
import { EmptyPrompt } from '@/components/ui/empty-prompt';
import { buttonClassName } from '@/components/ui/button';

/** Console pages that do not exist (API paths under "/_" answer in Elasticsearch's format instead). */
export default function NotFound() {
  return (
    <main className="pc-not-found" id="main">
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
    </main>
  );
}
