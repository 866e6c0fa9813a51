import { NotFoundPrompt } from '@/components/chrome/not-found-prompt';

/** Console pages that do not exist (API paths under "/_" answer in Elasticsearch's format instead). */
export default function NotFound() {
  return (
    <main className="pc-not-found" id="main">
      <NotFoundPrompt />
    </main>
  );
}
