import { getConfig } from '@/lib/config';
import { getRuntime } from './runtime';

/**
 * Opens the embedded store when the server starts (called from instrumentation.ts), so that a
 * bad configuration or DATA_DIR stops the process at once with a clear message, and the
 * first-start `elastic` password is printed before the first request rather than during it.
 */
export async function startEmbeddedEngine(): Promise<void> {
  try {
    if (getConfig().ELASTICSEARCH_URL) return;
    await getRuntime();
  } catch (error) {
    console.error(`Profile Console cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
