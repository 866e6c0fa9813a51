import { getConfig } from '@/lib/config';
import { SecurityEngine } from '@/lib/security/engine';
import { EsApiDispatcher } from './dispatch';

interface Runtime {
  engine: SecurityEngine;
  dispatcher: EsApiDispatcher;
}

// Kept on globalThis so that Next's dev-mode module reloading does not open the store twice.
const holder = globalThis as typeof globalThis & {
  __profileConsoleRuntime?: Promise<Runtime>;
  __profileConsoleRuntimeReady?: Runtime;
};

/** The runtime once it is open (every request after start-up), without an await. */
export function readyRuntime(): Runtime | undefined {
  return holder.__profileConsoleRuntimeReady;
}

/** The process-wide engine and dispatcher, created on first use from the environment. */
export function getRuntime(): Promise<Runtime> {
  holder.__profileConsoleRuntime ??= createRuntime()
    .then((runtime) => {
      holder.__profileConsoleRuntimeReady = runtime;
      return runtime;
    })
    .catch((error: unknown) => {
    holder.__profileConsoleRuntime = undefined;
    throw error;
  });
  return holder.__profileConsoleRuntime;
}

async function createRuntime(): Promise<Runtime> {
  const config = getConfig();
  const engine = await SecurityEngine.open({
    dataDir: config.DATA_DIR,
    nodeName: config.NODE_NAME,
    elasticPassword: config.ELASTIC_PASSWORD,
    credentialCacheTtlMs: config.AUTHC_CACHE_TTL,
    accessTokenTtlMs: config.TOKEN_TIMEOUT,
    securitySettingsFile: config.SECURITY_SETTINGS_FILE,
    // `next start` puts the port it listens on in PORT; the scripts always bind 127.0.0.1.
    apiOrigin: `http://127.0.0.1:${process.env.PORT || 3000}`,
  });
  const dispatcher = new EsApiDispatcher(engine, { maxContentLength: config.HTTP_MAX_CONTENT_LENGTH });
  return { engine, dispatcher };
}
