/**
 * Fills a DATA_DIR's SQLite store with profile documents directly, outside the API, for
 * benchmarks with many stored profiles (10,000 .. 1,000,000).
 *
 *   npx tsx scripts/seed-profiles.ts --data-dir ./data-bench --count 1000000 [--users] [--password secret]
 *
 * Run it while no server uses the directory: a running engine keeps its next `_seq_no` in
 * memory and would reuse numbers. Rows look like profiles that the activate API created for
 * native-realm users `<prefix>0000001`, ...: same uid scheme, same stored user document, so
 * activating such a user later finds its profile (through the (username, realm) index).
 * Full names are varied (50 first names x 200 last names) so that name searches select
 * realistic fractions. With --users the matching rows in the users table are written too (all
 * sharing one bcrypt hash, computed once), so those users can authenticate and activate.
 *
 * When the schema has the suggest search tables (profile_search_terms), their rows are written
 * too, with the store's own term function, and the store's index-version marker is set, so the
 * server does not rebuild the search index of every profile at start.
 */
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import { openDatabase, type SqliteDatabase } from '@/lib/store/database';
import * as profilesStoreModule from '@/lib/store/profiles-store';
import { profileUid } from '@/lib/security/profile-uid';

export interface SeedOptions {
  dataDir: string;
  /** How many profiles to add. */
  count: number;
  /** Username prefix; usernames are prefix + a zero-padded number starting at `start`. */
  prefix?: string;
  start?: number;
  /** Also write users-table rows with this bcrypt hash (native realm). */
  usersPasswordHash?: string;
  /** node_name recorded in the realm of each stored user document (the server's NODE_NAME). */
  nodeName?: string;
  /** Rows per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  profilesInserted: number;
  usersInserted: number;
  ms: number;
  warnings: string[];
}

export const DEFAULT_SEED_PREFIX = 'seed_user_';
const ROLES = ['viewer'];
const ROLES_JSON = JSON.stringify(ROLES);

// prettier-ignore
const FIRST_NAMES = [
  'Ada', 'Alan', 'Amira', 'Ana', 'Arjun', 'Ben', 'Carla', 'Chen', 'Dana', 'David', 'Elena', 'Emil', 'Fatima', 'Felix',
  'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jack', 'Jana', 'Jean-Luc', 'Jonas', 'Karin', 'Kenji', 'Lara', 'Leo', 'Lina',
  'Luca', 'Maria', 'Mateo', 'Mei', 'Mia', 'Nadia', 'Noah', 'Nora', 'Olga', 'Omar', 'Paula', 'Pedro', 'Priya', 'Rosa',
  'Sam', 'Sara', 'Sofia', 'Tariq', 'Tom', 'Vera', 'Yuki', 'Zoe',
];
const LAST_SYLLABLES = ['Berg', 'Castro', 'Dahl', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jensen', 'Kowalski', 'Lopez', 'Müller', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Santos', 'Tanaka', 'Weber'];
const LAST_SUFFIXES = ['', 'son', 'er', 'ová', 'ski', 'ez', 'i', 'berg', 'man', 'feld'];

/** The n-th seeded user's full name: 50 first names x 200 last names, spread evenly. */
export function seedFullName(n: number): string {
  const last = Math.floor(n / FIRST_NAMES.length) % (LAST_SYLLABLES.length * LAST_SUFFIXES.length);
  return `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_SYLLABLES[last % LAST_SYLLABLES.length]}${LAST_SUFFIXES[Math.floor(last / LAST_SYLLABLES.length)]}`;
}

export function seedUsername(prefix: string, n: number): string {
  return prefix + String(n).padStart(7, '0');
}

/** The settings key under which ProfilesStore records the version of its search tables. */
const SEARCH_INDEX_VERSION_KEY = 'profiles.search_index_version';

interface SearchIndexApi {
  profileSearchTerms: (user: profilesStoreModule.ProfileUserDoc) => Array<[number, string]>;
  version: string;
}

/**
 * The store's term function and index version when this schema has the suggest search tables
 * (read loosely: lib/store evolves, and a missing piece must not break seeding).
 */
function searchIndexApi(db: SqliteDatabase): SearchIndexApi | 'none' | 'unknown' {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'profile_search_terms'").get() !== undefined;
  if (!hasTable) return 'none';
  const api = profilesStoreModule as unknown as { profileSearchTerms?: unknown; SEARCH_INDEX_VERSION?: unknown };
  if (typeof api.profileSearchTerms !== 'function' || typeof api.SEARCH_INDEX_VERSION !== 'string') return 'unknown';
  return { profileSearchTerms: api.profileSearchTerms as SearchIndexApi['profileSearchTerms'], version: api.SEARCH_INDEX_VERSION };
}

export function seedProfiles(options: SeedOptions): SeedResult {
  const started = performance.now();
  const prefix = options.prefix ?? DEFAULT_SEED_PREFIX;
  const start = options.start ?? 1;
  const batchSize = options.batchSize ?? 50_000;
  const nodeName = options.nodeName ?? process.env.NODE_NAME ?? os.hostname();
  const db = openDatabase(options.dataDir);
  const warnings: string[] = [];
  try {
    // Only this connection: no fsync per transaction and a page cache that holds the uid index.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    db.pragma('temp_store = MEMORY');

    const maxSeq = db.prepare<[], { m: number | null }>('SELECT MAX(seq_no) AS m FROM profiles').get();
    let seqNo = (maxSeq?.m ?? -1) + 1;
    const hadProfiles = maxSeq?.m !== null && maxSeq?.m !== undefined;
    const search = searchIndexApi(db);
    const getSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    const indexWasCurrent = typeof search === 'object' && getSetting.get(SEARCH_INDEX_VERSION_KEY)?.value === search.version;
    const insertTerm =
      typeof search === 'object'
        ? db.prepare<[number, string, number, number]>(
            'INSERT OR IGNORE INTO profile_search_terms (kind, term, profile_id, last_synchronized) VALUES (?, ?, ?, ?)',
          )
        : undefined;
    const insertProfile = db.prepare<[string, string, string, string, number, number, string, string, string, number, number]>(
      `INSERT OR IGNORE INTO profiles
         (uid, username, realm_type, realm_name, enabled, last_synchronized, user_doc, labels, application_data, seq_no, primary_term)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertUser = db.prepare<[string, string, string, string, string, string, number]>(
      `INSERT OR IGNORE INTO users (username, password_hash, roles, full_name, email, metadata, enabled)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const realm = { name: 'default_native', type: 'native', node_name: nodeName };
    const realmJson = JSON.stringify(realm);
    // Synchronized an hour ago: the next activation of such a user refreshes the document.
    const lastSynchronized = Date.now() - 3_600_000;
    let profilesInserted = 0;
    let usersInserted = 0;

    const insertBatch = db.transaction((from: number, to: number) => {
      // Search-term rows of the batch, inserted afterwards in key order: far fewer B-tree pages touched.
      const terms: Array<[number, string, number]> = [];
      for (let n = from; n < to; n++) {
        const username = seedUsername(prefix, n);
        const fullName = seedFullName(n);
        const email = `${username}@example.com`;
        // The stored user document, in Elasticsearch's field order (see ProfileUserDoc).
        const userDoc = `{"username":${JSON.stringify(username)},"roles":${ROLES_JSON},"realm":${realmJson},"email":${JSON.stringify(email)},"full_name":${JSON.stringify(fullName)}}`;
        const result = insertProfile.run(profileUid(username), username, 'native', 'default_native', 1, lastSynchronized, userDoc, '{}', '{}', seqNo, 1);
        if (result.changes > 0) {
          seqNo++;
          profilesInserted++;
          if (insertTerm && typeof search === 'object') {
            const id = Number(result.lastInsertRowid);
            const user = { username, roles: ROLES, realm, email, full_name: fullName };
            for (const [kind, term] of search.profileSearchTerms(user)) terms.push([kind, term, id]);
          }
        }
        if (options.usersPasswordHash !== undefined) {
          usersInserted += insertUser.run(username, options.usersPasswordHash, ROLES_JSON, fullName, email, '{}', 1).changes;
        }
      }
      if (insertTerm) {
        terms.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || a[2] - b[2]);
        for (const [kind, term, id] of terms) insertTerm.run(kind, term, id, lastSynchronized);
      }
    });

    const end = start + options.count;
    for (let from = start; from < end; from += batchSize) {
      const to = Math.min(end, from + batchSize);
      insertBatch(from, to);
      options.onProgress?.(to - start, options.count);
    }
    // Seeded rows are indexed; so the index is complete if it was before, or if it was empty.
    if (typeof search === 'object' && (indexWasCurrent || !hadProfiles)) {
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
        SEARCH_INDEX_VERSION_KEY,
        search.version,
      );
    } else if (search === 'unknown' || (typeof search === 'object' && hadProfiles && !indexWasCurrent)) {
      warnings.push('the suggest search index is left for the server to rebuild at start (slow for many profiles)');
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { profilesInserted, usersInserted, ms: performance.now() - started, warnings };
  } finally {
    db.close();
  }
}

function usage(): never {
  console.error(
    [
      'usage: tsx scripts/seed-profiles.ts --data-dir DIR --count N [options]',
      '  --prefix P         username prefix (default seed_user_)',
      '  --start N          first user number (default 1)',
      '  --users            also write users-table rows (native realm) ...',
      '  --password PW      ... whose password is PW (hashed once with bcrypt; default "seed-password")',
      '  --password-hash H  ... or with this ready bcrypt hash',
      'Run it while no server uses DIR.',
    ].join('\n'),
  );
  process.exit(2);
}

async function cli(argv: string[]): Promise<void> {
  const args = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) usage();
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      args.set(arg.slice(2), next);
      i++;
    } else {
      args.set(arg.slice(2), true);
    }
  }
  const known = new Set(['data-dir', 'count', 'prefix', 'start', 'users', 'password', 'password-hash', 'help']);
  if (args.has('help') || [...args.keys()].some((k) => !known.has(k))) usage();
  const dataDir = args.get('data-dir');
  const count = Number(args.get('count'));
  if (typeof dataDir !== 'string' || !Number.isInteger(count) || count < 0) usage();
  const start = args.has('start') ? Number(args.get('start')) : 1;
  if (!Number.isInteger(start) || start < 0) usage();

  let usersPasswordHash: string | undefined;
  if (args.has('password-hash')) usersPasswordHash = String(args.get('password-hash'));
  else if (args.has('users') || args.has('password')) {
    const password = args.get('password');
    usersPasswordHash = await bcrypt.hash(typeof password === 'string' ? password : 'seed-password', 10);
  }

  let lastReport = 0;
  const result = seedProfiles({
    dataDir,
    count,
    start,
    prefix: typeof args.get('prefix') === 'string' ? (args.get('prefix') as string) : undefined,
    usersPasswordHash,
    onProgress: (done, total) => {
      if (done === total || performance.now() - lastReport > 2000) {
        lastReport = performance.now();
        process.stderr.write(`  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}\n`);
      }
    },
  });
  console.log(
    `seeded ${result.profilesInserted.toLocaleString('en-US')} profiles` +
      (usersPasswordHash !== undefined ? ` and ${result.usersInserted.toLocaleString('en-US')} users` : '') +
      ` into ${path.resolve(dataDir)} in ${(result.ms / 1000).toFixed(1)} s`,
  );
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
}

if (require.main === module) {
  cli(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
