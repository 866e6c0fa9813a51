import { NotFoundPrompt } from '@/components/chrome/not-found-prompt';

/** notFound() inside the console: rendered within the chrome, so no <main> of its own. */
export default function ConsoleNotFound() {
  return <NotFoundPrompt />;
}
