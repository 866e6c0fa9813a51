import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

/**
 * The security settings file (SECURITY_SETTINGS_FILE): Elasticsearch's realm settings, written
 * like elasticsearch.yml. Keys may be flat and dotted (`xpack.security.authc.realms.jwt.jwt1.order: 1`),
 * nested YAML, or a mix; JSON is accepted too (it is YAML). `${NAME}` in a value is replaced by
 * the environment variable NAME, so secrets need not be written into the file.
 */

/** Elasticsearch's SettingsException: a setting is missing, malformed or contradicts another. */
export class SettingsException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsException';
  }
}

export type SettingScalar = string | number | boolean | null;
export type SettingValue = SettingScalar | SettingScalar[];

export interface SecuritySettings {
  /** The file the settings came from, when there is one. */
  file?: string;
  /** Relative paths in settings (e.g. pkc_jwkset_path) resolve against this directory. */
  baseDir: string;
  values: ReadonlyMap<string, SettingValue>;
}

/** Largest settings file read, so a wrong path (e.g. a log file) cannot exhaust memory. */
const MAX_SETTINGS_FILE_BYTES = 1024 * 1024;

export function loadSecuritySettingsFile(file: string, env: Record<string, string | undefined> = process.env): SecuritySettings {
  const absolute = path.resolve(file);
  let text: string;
  try {
    const stat = fs.statSync(absolute);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > MAX_SETTINGS_FILE_BYTES) throw new Error(`larger than ${MAX_SETTINGS_FILE_BYTES} bytes`);
    text = fs.readFileSync(absolute, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    throw new SettingsException(`Failed to load security settings file [${absolute}]: ${reason}`);
  }
  return parseSecuritySettings(text, path.dirname(absolute), env, absolute);
}

/** Parses settings text (YAML or JSON). */
export function parseSecuritySettings(
  text: string,
  baseDir: string,
  env: Record<string, string | undefined> = process.env,
  file?: string,
): SecuritySettings {
  const where = file ? `security settings file [${file}]` : 'security settings';
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    // Only the first line: later lines quote the offending source, which may hold a secret.
    const first = doc.errors[0].message.split('\n')[0];
    throw new SettingsException(`Failed to parse ${where}: ${first}`);
  }
  const root: unknown = doc.toJS();
  const values = new Map<string, SettingValue>();
  if (root !== null && root !== undefined) {
    if (typeof root !== 'object' || Array.isArray(root)) {
      throw new SettingsException(`Failed to parse ${where}: expected a map of settings at the top level`);
    }
    flatten(root as Record<string, unknown>, '', values, where, env);
  }
  return { file, baseDir, values };
}

/** Settings given directly (tests, scripts). */
export function securitySettingsFromObject(
  object: Record<string, unknown>,
  baseDir: string,
  env: Record<string, string | undefined> = process.env,
): SecuritySettings {
  const values = new Map<string, SettingValue>();
  flatten(object, '', values, 'security settings', env);
  return { baseDir, values };
}

function flatten(
  object: Record<string, unknown>,
  prefix: string,
  out: Map<string, SettingValue>,
  where: string,
  env: Record<string, string | undefined>,
): void {
  for (const [rawKey, value] of Object.entries(object)) {
    const key = prefix + rawKey;
    if (rawKey === '' || rawKey.startsWith('.') || rawKey.endsWith('.')) {
      throw new SettingsException(`Failed to parse ${where}: invalid settings key [${key}]`);
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      flatten(value as Record<string, unknown>, key + '.', out, where, env);
      continue;
    }
    let setting: SettingValue;
    if (Array.isArray(value)) {
      setting = value.map((item) => {
        if (item !== null && typeof item === 'object') {
          throw new SettingsException(`Failed to parse ${where}: setting [${key}] may only hold a list of plain values`);
        }
        return resolvePlaceholders(item as SettingScalar, env);
      });
    } else {
      setting = resolvePlaceholders(value as SettingScalar, env);
    }
    if (out.has(key)) {
      throw new SettingsException(`Failed to parse ${where}: duplicate settings key [${key}]`);
    }
    out.set(key, setting);
  }
}

/** `${NAME}` placeholders, as in elasticsearch.yml. */
function resolvePlaceholders(value: SettingScalar, env: Record<string, string | undefined>): SettingScalar {
  if (typeof value !== 'string' || !value.includes('${')) return value;
  return value.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
    const resolved = env[name];
    if (resolved === undefined) throw new SettingsException(`Could not resolve placeholder '${name}'`);
    return resolved;
  });
}
