/**
 * Next.js start-up hook: opens the embedded store when the server starts, so that a bad
 * configuration or DATA_DIR fails at once with a clear message, and the first-start `elastic`
 * password is printed before the first request rather than during it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  try {
    const { getConfig } = await import('./lib/config');
    if (getConfig().ELASTICSEARCH_URL) return;
    const { getRuntime } = await import('./lib/es-api/runtime');
    await getRuntime();
  } catch (error) {
    console.error(`Profile Console cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
