import os from 'node:os';
import { z } from 'zod';

/**
 * Process configuration, read from the environment once and validated, so a typo fails at
 * start with the variable's name rather than as odd behaviour later.
 */
const byteSize = z
  .string()
  .regex(/^\d+(b|kb|mb|gb)?$/i, 'expected a size such as 1048576, 512kb or 1mb')
  .transform((value) => {
    const match = /^(\d+)(b|kb|mb|gb)?$/i.exec(value)!;
    const unit = (match[2] ?? 'b').toLowerCase();
    const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit as 'b' | 'kb' | 'mb' | 'gb'];
    return Number(match[1]) * factor;
  });

const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h)$/, 'expected a duration such as 500ms, 20m or 1h')
  .transform((value) => {
    const match = /^(\d+)(ms|s|m|h)$/.exec(value)!;
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
    return Number(match[1]) * factor;
  });

const EnvSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  /** Password for the reserved `elastic` user on first start; generated and printed once when unset. */
  ELASTIC_PASSWORD: z.string().min(6, 'ELASTIC_PASSWORD must be at least 6 characters').optional(),
  /** Largest request body the Elasticsearch-compatible API accepts (http.max_content_length). */
  HTTP_MAX_CONTENT_LENGTH: byteSize.default(1024 * 1024),
  /** Name recorded as the realm's node_name in profile documents. */
  NODE_NAME: z.string().min(1).default(os.hostname()),
  /** How long a verified password stays in the credential cache (cache.ttl). */
  AUTHC_CACHE_TTL: duration.default(20 * 60_000),
  /** Realm settings (YAML or JSON, Elasticsearch's names), e.g. JWT realms; see docs/jwt-realms.md. */
  SECURITY_SETTINGS_FILE: z.string().min(1).optional(),
  /**
   * A real Elasticsearch cluster to run in front of. Unset: the embedded engine. With it the
   * console authenticates as ELASTICSEARCH_SERVICE_TOKEN or ELASTICSEARCH_API_KEY.
   */
  ELASTICSEARCH_URL: z
    .url()
    .refine((url) => !/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url), {
      message: 'ELASTICSEARCH_URL must not contain credentials; set ELASTICSEARCH_API_KEY or ELASTICSEARCH_SERVICE_TOKEN',
    })
    .optional(),
  ELASTICSEARCH_SERVICE_TOKEN: z.string().min(1).optional(),
  ELASTICSEARCH_API_KEY: z.string().min(1).optional(),
  /** Key that encrypts console session cookies. Unset: random per process (sessions end on restart). */
  NEXTAUTH_SECRET: z.string().min(32, 'NEXTAUTH_SECRET must be at least 32 characters').optional(),
  /** Access token lifetime (xpack.security.authc.token.timeout): 1s to 1h, default 20m. */
  TOKEN_TIMEOUT: duration
    .default(20 * 60_000)
    .refine((ms) => ms >= 1000 && ms <= 3_600_000, 'TOKEN_TIMEOUT must be between 1s and 1h'),
});

export type AppConfig = z.output<typeof EnvSchema>;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  return result.data;
}

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
