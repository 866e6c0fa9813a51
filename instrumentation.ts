/** Next.js start-up hook: on the Node.js server, open the embedded engine before any request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startEmbeddedEngine } = await import('./lib/es-api/startup');
    await startEmbeddedEngine();
  }
}
