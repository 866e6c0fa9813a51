/**
 * `npm run bench`: throughput and latency of profile activation next to the floor of an empty
 * Next.js route handler, measured side by side on one production server; then an in-process
 * breakdown of where an activation's time goes. A script, not a test: it asserts nothing.
 *
 * Needs a production build (it builds nothing itself):
 *   NEXT_DIST_DIR=.next-bench npx next build && NEXT_DIST_DIR=.next-bench npm run bench
 *
 * Per stored-profile count (default: 0, then 10,000; `--million` adds 1,000,000) it seeds a fresh
 * data directory (scripts/seed-profiles.ts), starts the server on 127.0.0.1 with BENCH_ROUTES=1,
 * and runs, each for a fixed time or count:
 *   a)  POST /api/bench/empty: an empty route handler (the framework floor), same request bytes as (b);
 *   b)  POST /_security/profile/_activate as elastic (cached) with a warm password grant (cached),
 *       profile inside its 30 s grace period (nothing written); "vs floor" = req/s(b) / req/s(a);
 *       a and b run alternately in rounds (a b a b) so that background load drifts hit both alike;
 *       the target (b >= 0.9x a) is "met" or "NOT met" only when the 95% interval of the round
 *       ratios says so, and "within noise" when it straddles 0.9x (scripts/bench-verdict.ts);
 *   a1, b1) the same two, one request at a time: latency without queueing;
 *   d1-d4) with --diagnose: floor variants that read the body, use a catch-all route, or call
 *       the ES API without a body, to see which framework work an activation adds;
 *   b') the write path: each activation follows a _disable of that connection's user, so it
 *       re-enables and rewrites the profile; only the activations are timed and counted;
 *   c)  cold activations: every request a different user whose password was never verified
 *       (bcrypt) and who has no profile yet;
 *   s1, s10) POST /_security/profile/_suggest as elastic, five realistic queries in turn (one
 *       seeded username, the first-name prefix "ja", a surname, an empty name with size 10, a
 *       first name + surname), for --suggest-duration seconds at 1 connection (latency, also per
 *       query) and at --connections; each query's answer is checked once (expected user first,
 *       every hit matching, best score reached) and every timed answer must equal it.
 * Besides req/s and latency it reads the server's CPU time per request from /proc, which stays
 * meaningful on a busy machine where req/s does not. Then, with the server stopped, it runs the
 * same code in this process (route handler, dispatcher, engine steps) to split that CPU time
 * into Next.js, the route adapter and the application.
 * All load stays on 127.0.0.1; the server is stopped and temporary data removed on exit.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import bcrypt from 'bcrypt';
import { startServer, tempDataDir, type RunningServer } from '../e2e/support/server';
import { nameWords, SuggestScorer } from '../lib/security/profile-suggest';
import type { ProfileSearchRow } from '../lib/store/profiles-store';
import { DEFAULT_SEED_PREFIX, seedFullName, seedProfiles, seedUsername } from './seed-profiles';
import { ratioVerdict } from './bench-verdict';

const ROOT = path.resolve(__dirname, '..');
const ELASTIC_PASSWORD = 'bench-elastic-password';
const USER_PASSWORD = 'bench-user-password';
const ACTIVATE_PATH = '/_security/profile/_activate';
const SUGGEST_PATH = '/_security/profile/_suggest';
const EMPTY_PATH = '/api/bench/empty';
/** Warm activation must reach this share of the empty route's throughput. */
const TARGET_RATIO = 0.9;

// ---------------------------------------------------------------------------------------------
// Options

interface BenchOptions {
  profileCounts: number[];
  durationS: number;
  warmupS: number;
  connections: number;
  coldUsers: number;
  iterations: number;
  keepData: boolean;
  diagnose: boolean;
  rounds: number;
  suggestDurationS: number;
}

const HELP = `usage: npm run bench -- [options]        (set NEXT_DIST_DIR to the build to use)
  --profiles LIST     stored-profile counts to run, comma-separated (default 0,10000)
  --million           add a run with 1,000,000 stored profiles
  --duration S        seconds per measured scenario (default 20)
  --rounds R          split a) and b) into R alternating rounds (a b a b ...) of S/R seconds (default 10)
  --warmup S          seconds of unmeasured warm-up before scenarios a, b, b' (default 2)
  --connections C     concurrent connections (default 10)
  --cold-users N      users (= requests) in the cold scenario (default 200)
  --suggest-duration S  seconds per suggest scenario, s1) and s10) (default 5)
  --iterations N      minimum iterations per in-process measurement (default 5000)
  --keep-data         keep the temporary data directories
  --diagnose          also measure floor variants (body read, catch-all route, ES API without
                      body) to split the framework cost further (+4 scenarios per run)`;

function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    profileCounts: [0, 10_000],
    durationS: 20,
    warmupS: 2,
    connections: 10,
    coldUsers: 200,
    iterations: 5000,
    keepData: false,
    diagnose: false,
    rounds: 10,
    suggestDurationS: 5,
  };
  let explicitProfiles: number[] | undefined;
  let million = false;
  const fail = (message: string): never => {
    console.error(`${message}\n\n${HELP}`);
    process.exit(2);
  };
  const number = (flag: string, value: string | undefined, min: number): number => {
    const n = Number(value?.replace(/_/g, ''));
    if (value === undefined || !Number.isFinite(n) || n < min) fail(`${flag} needs a number >= ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--profiles':
        explicitProfiles = [
          ...(explicitProfiles ?? []),
          ...String(value())
            .split(',')
            .map((v) => Math.floor(number('--profiles', v.trim(), 0))),
        ];
        break;
      case '--million':
        million = true;
        break;
      case '--duration':
        options.durationS = number(flag, value(), 1);
        break;
      case '--warmup':
        options.warmupS = number(flag, value(), 0);
        break;
      case '--connections':
        options.connections = Math.floor(number(flag, value(), 1));
        break;
      case '--cold-users':
        options.coldUsers = Math.floor(number(flag, value(), 1));
        break;
      case '--iterations':
        options.iterations = Math.floor(number(flag, value(), 10));
        break;
      case '--keep-data':
        options.keepData = true;
        break;
      case '--diagnose':
        options.diagnose = true;
        break;
      case '--rounds':
        options.rounds = Math.floor(number(flag, value(), 1));
        break;
      case '--suggest-duration':
        options.suggestDurationS = number(flag, value(), 1);
        break;
      case '--help':
      case '-h':
        console.log(HELP);
        process.exit(0);
        break;
      default:
        fail(`unknown option ${argv[i]}`);
    }
  }
  if (explicitProfiles) options.profileCounts = explicitProfiles;
  if (million && !options.profileCounts.includes(1_000_000)) options.profileCounts.push(1_000_000);
  return options;
}

// ---------------------------------------------------------------------------------------------
// Build check

function checkBuild(): string {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  const buildIdFile = path.join(ROOT, distDir, 'BUILD_ID');
  const rebuild = `build first:  NEXT_DIST_DIR=${distDir} npx next build   (then run the bench with the same NEXT_DIST_DIR)`;
  if (!fs.existsSync(buildIdFile)) {
    throw new BenchError(`no production build in ${distDir}/ (${path.relative(ROOT, buildIdFile)} is missing); ${rebuild}`);
  }
  const manifest = path.join(ROOT, distDir, 'server', 'app-paths-manifest.json');
  if (fs.existsSync(manifest) && !fs.readFileSync(manifest, 'utf8').includes('/api/bench/empty/route')) {
    throw new BenchError(`the build in ${distDir}/ predates app/api/bench/empty; ${rebuild}`);
  }
  const builtAt = fs.statSync(buildIdFile).mtimeMs;
  const newer = newestSourceChange(['app', 'lib', 'components'].map((d) => path.join(ROOT, d)));
  if (newer && newer.mtimeMs > builtAt) {
    process.stderr.write(`warning: ${path.relative(ROOT, newer.file)} changed after the build in ${distDir}/ was made; results may not reflect it\n`);
  }
  return distDir;
}

function newestSourceChange(dirs: string[]): { file: string; mtimeMs: number } | undefined {
  let newest: { file: string; mtimeMs: number } | undefined;
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(ts|tsx|css)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const mtimeMs = fs.statSync(file).mtimeMs;
        if (!newest || mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
      }
    }
  };
  dirs.forEach(walk);
  return newest;
}

class BenchError extends Error {}

// ---------------------------------------------------------------------------------------------
// Server CPU, read from /proc (Linux); undefined elsewhere

const CLOCK_TICKS = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(out.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readProcStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return stats;
  }
  for (const entry of entries) {
    try {
      const text = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces), from field 3 (state) on.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.push({ pid: Number(entry), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  return stats;
}

/**
 * The server process this script started: the descendant of this process that holds the
 * listening socket of `port` (Next.js renames its process title, so the command line can't tell).
 */
function findServerPid(port: number): number | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is "ADDR:PORT" in hex; state 0A is LISTEN; field 9 is the socket inode.
      if (fields.length > 9 && fields[3] === '0A' && parseInt(fields[1].split(':')[1] ?? '', 16) === port) inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const pid of descendants(process.pid)) {
    try {
      for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        const target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return pid;
      }
    } catch {
      // ended, or not ours to read
    }
  }
  return undefined;
}

function descendants(rootPid: number, stats = readProcStats()): Set<number> {
  const tree = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stats) {
      if (!tree.has(s.pid) && tree.has(s.ppid)) {
        tree.add(s.pid);
        grew = true;
      }
    }
  }
  tree.delete(rootPid);
  return tree;
}

/** CPU milliseconds (user + system) used so far by a process and its descendants. */
function processTreeCpuMs(rootPid: number | undefined): number | undefined {
  if (rootPid === undefined) return undefined;
  const stats = readProcStats();
  const inTree = descendants(rootPid, stats).add(rootPid);
  const root = stats.find((s) => s.pid === rootPid);
  if (!root) return undefined;
  return (stats.filter((s) => inTree.has(s.pid)).reduce((sum, s) => sum + s.ticks, 0) * 1000) / CLOCK_TICKS;
}

// ---------------------------------------------------------------------------------------------
// Load generation (autocannon, in this process)

interface ScenarioResult {
  scenario: string;
  /** Names the scenario across runs (summary table) when `scenario` holds run-specific text. */
  key?: string;
  requests: number;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU per counted request (ms), from /proc. */
  serverCpuMs?: number;
  /** Share of one core this process (the load generator) used. */
  clientCpu: number;
  ratio?: number;
  /** b/a of each alternating round (a and b measured back to back), to show how steady the ratio is. */
  roundRatios?: number[];
  note?: string;
}

/** The target's verdict from the rounds' spread when there are rounds; from the whole run otherwise. */
function targetVerdict(s: ScenarioResult): string {
  const verdict = s.roundRatios && ratioVerdict(s.roundRatios, TARGET_RATIO);
  if (verdict) return verdict.verdict;
  return s.ratio !== undefined && s.ratio >= TARGET_RATIO ? 'met' : 'NOT met';
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

interface CannonRun {
  /** Per instance: which responses count (by their index on that instance's one connection). */
  counts?: (responseIndex: number) => boolean;
  /** Sees every response (status, latency), right after its request's own onResponse. */
  observe?: (statusCode: number, responseTime: number) => void;
  instances: autocannon.Options[];
}

interface CannonOutcome {
  counted: number[];
  countedOk: number;
  errors: number;
  /** Non-2xx answers by status, and socket errors/timeouts under "error". */
  failures: Record<string, number>;
  elapsedMs: number;
  serverCpuMs?: number;
  clientCpu: number;
  results: autocannon.Result[];
}

function runInstance(options: autocannon.Options, onResponse: (statusCode: number, responseTime: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => onResponse(statusCode, responseTime));
  });
}

/** Runs autocannon instances in parallel and times the counted responses itself (sub-ms precision). */
async function cannon(run: CannonRun, serverPid: number | undefined): Promise<CannonOutcome> {
  const counted: number[] = [];
  let countedOk = 0;
  let errors = 0;
  const failures: Record<string, number> = {};
  const cpuBefore = processTreeCpuMs(serverPid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const results = await Promise.all(
    run.instances.map((options) => {
      let index = 0;
      return runInstance(options, (statusCode, responseTime) => {
        run.observe?.(statusCode, responseTime);
        const counts = run.counts ? run.counts(index) : true;
        index++;
        if (statusCode < 200 || statusCode >= 300) {
          errors++;
          failures[statusCode] = (failures[statusCode] ?? 0) + 1;
          return;
        }
        if (!counts) return;
        countedOk++;
        counted.push(responseTime);
      });
    }),
  );
  const elapsedMs = performance.now() - started;
  const clientUsage = process.cpuUsage(clientBefore);
  const cpuAfter = processTreeCpuMs(serverPid);
  for (const r of results) {
    errors += r.errors + r.timeouts;
    if (r.errors + r.timeouts > 0) failures.error = (failures.error ?? 0) + r.errors + r.timeouts;
  }
  return {
    counted,
    countedOk,
    errors,
    failures,
    elapsedMs,
    serverCpuMs: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined,
    clientCpu: (clientUsage.user + clientUsage.system) / 1000 / elapsedMs,
    results,
  };
}

/** Several runs of one scenario as one: all samples, counts and CPU time together. */
function mergeOutcomes(outcomes: CannonOutcome[]): CannonOutcome {
  const failures: Record<string, number> = {};
  for (const o of outcomes) for (const [k, v] of Object.entries(o.failures)) failures[k] = (failures[k] ?? 0) + v;
  const elapsedMs = outcomes.reduce((s, o) => s + o.elapsedMs, 0);
  const cpu = outcomes.map((o) => o.serverCpuMs);
  return {
    counted: outcomes.flatMap((o) => o.counted),
    countedOk: outcomes.reduce((s, o) => s + o.countedOk, 0),
    errors: outcomes.reduce((s, o) => s + o.errors, 0),
    failures,
    elapsedMs,
    serverCpuMs: cpu.every((c) => c !== undefined) ? (cpu as number[]).reduce((s, c) => s + c, 0) : undefined,
    clientCpu: outcomes.reduce((s, o) => s + o.clientCpu * o.elapsedMs, 0) / elapsedMs,
    results: outcomes.flatMap((o) => o.results),
  };
}

function summarize(scenario: string, connections: number, outcome: CannonOutcome, serverRequests = outcome.countedOk): ScenarioResult {
  const sorted = [...outcome.counted].sort((a, b) => a - b);
  const failed = Object.entries(outcome.failures);
  return {
    note: failed.length > 0 ? `FAILED requests (${failed.map(([k, v]) => `${k}: ${v}`).join(', ')}): figures are not valid` : undefined,
    scenario,
    requests: outcome.countedOk,
    connections,
    rps: (outcome.countedOk * 1000) / outcome.elapsedMs,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    errors: outcome.errors,
    serverCpuMs: outcome.serverCpuMs !== undefined && serverRequests > 0 ? outcome.serverCpuMs / serverRequests : undefined,
    clientCpu: outcome.clientCpu,
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers for setup (fetch; not timed)

function basic(username: string, password: string): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
}

const ELASTIC_AUTH = basic('elastic', ELASTIC_PASSWORD);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- setup responses are read ad hoc
type Json = any;

async function call(server: RunningServer, method: string, urlPath: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const response = await fetch(server.url + urlPath, {
    method,
    headers: { authorization: ELASTIC_AUTH, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

async function expectOk(server: RunningServer, method: string, urlPath: string, body?: unknown): Promise<Json> {
  const { status, json } = await call(server, method, urlPath, body);
  if (status !== 200) {
    throw new BenchError(`${method} ${urlPath} answered ${status}: ${JSON.stringify(json).slice(0, 500)}`);
  }
  return json;
}

async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

function grantBody(username: string): string {
  return JSON.stringify({ grant_type: 'password', username, password: USER_PASSWORD });
}

// ---------------------------------------------------------------------------------------------
// One run: a server over a data directory with `profileCount` seeded profiles

interface RunResult {
  profileCount: number;
  seedMs?: number;
  scenarios: ScenarioResult[];
  inProcess: InProcessResult[];
  notes: string[];
}

let activeServer: RunningServer | undefined;
/** Data directories of runs; removed after each run unless --keep-data. */
const dataDirs: string[] = [];
let keepData = false;

async function benchRun(profileCount: number, options: BenchOptions, userHash: string): Promise<RunResult> {
  const notes: string[] = [];
  const dataDir = tempDataDir('profile-console-bench-');
  dataDirs.push(dataDir);
  let seedMs: number | undefined;
  if (profileCount > 0) {
    log(`seeding ${profileCount.toLocaleString('en-US')} profiles into ${dataDir} ...`);
    const seeded = seedProfiles({ dataDir, count: profileCount });
    seedMs = seeded.ms;
    notes.push(...seeded.warnings.map((w) => `seeding: ${w}`));
    log(`  seeded in ${(seedMs / 1000).toFixed(1)} s`);
  }
  log('starting the server ...');
  const server = await startServer({ dataDir, env: { BENCH_ROUTES: '1', ELASTIC_PASSWORD }, timeoutMs: 120_000 });
  activeServer = server;
  const scenarios: ScenarioResult[] = [];
  try {
    const serverPid = findServerPid(server.port);
    if (serverPid === undefined) notes.push('server CPU not measured (its process was not found in /proc)');
    const C = options.connections;
    const url = server.url;

    // Setup (not timed). The first call verifies elastic's password once (bcrypt); then cached.
    await expectOk(server, 'GET', '/_security/_authenticate');
    const empty = await fetch(url + EMPTY_PATH, { method: 'POST' });
    if (empty.status !== 200) throw new BenchError(`${EMPTY_PATH} answered ${empty.status}, expected 200 with BENCH_ROUTES=1`);

    const warmUser = 'bench_warm';
    const writeUsers = Array.from({ length: C }, (_, i) => `bench_write_${i}`);
    const coldUsers = Array.from({ length: options.coldUsers }, (_, i) => `bench_cold_${String(i).padStart(6, '0')}`);
    log(`creating ${2 + writeUsers.length + coldUsers.length} users (precomputed bcrypt hash) ...`);
    await inParallel([warmUser, ...writeUsers, ...coldUsers], 8, async (name) => {
      await expectOk(server, 'PUT', `/_security/user/${name}`, { password_hash: userHash, roles: ['viewer'], full_name: `Bench ${name}` });
    });
    // Warm grants: one verification each (bcrypt), cached afterwards.
    const warmUid: string = (await expectOk(server, 'POST', ACTIVATE_PATH, JSON.parse(grantBody(warmUser)))).uid;
    const writeUids: string[] = [];
    await Promise.all(
      writeUsers.map(async (name, i) => {
        writeUids[i] = (await expectOk(server, 'POST', ACTIVATE_PATH, JSON.parse(grantBody(name)))).uid;
      }),
    );
    if (!warmUid || writeUids.some((u) => !u)) throw new BenchError('activation answered without a uid');

    const headers = { authorization: ELASTIC_AUTH, 'content-type': 'application/json' };
    // Note: autocannon ignores a top-level `path`; the path goes into `url` (or into `requests`).
    const base = { connections: C, duration: options.durationS, timeout: 30 };
    const warmBody = grantBody(warmUser);
    const measure = async (name: string, run: CannonRun, connections: number): Promise<ScenarioResult> => {
      if (options.warmupS > 0) {
        await cannon({ ...run, instances: run.instances.map((o) => ({ ...o, duration: options.warmupS })) }, undefined);
      }
      log(`  ${name} ...`);
      const outcome = await cannon(run, serverPid);
      return summarize(name, connections, outcome);
    };

    // a) the empty route: same method, headers and body as (b), so only the handler differs.
    // b) warm activation: cached caller, cached grant, inside the 30 s grace period.
    // Measured alternately in rounds (a b a b ...), so that a drift in the machine's background
    // load affects both alike; each scenario's rounds add up to --duration.
    const floorRun: CannonRun = { instances: [{ ...base, url: url + EMPTY_PATH, method: 'POST', headers, body: warmBody } as autocannon.Options] };
    const warmRun: CannonRun = { instances: [{ ...base, url: url + ACTIVATE_PATH, method: 'POST', headers, body: warmBody } as autocannon.Options] };
    const seqNos = async (uids: string[]): Promise<number[]> =>
      ((await expectOk(server, 'GET', `/_security/profile/${uids.map(encodeURIComponent).join(',')}`)).profiles as Json[]).map((p) => p._doc._seq_no as number);
    const [warmSeqBefore] = await seqNos([warmUid]);
    // The newest write so far (only these profiles exist yet): a rewrite of the warm profile comes after it.
    const lastSeqBefore = Math.max(...(await seqNos([warmUid, ...writeUids])));
    const abStarted = performance.now();
    const withDuration = (run: CannonRun, duration: number): CannonRun => ({ ...run, instances: run.instances.map((o) => ({ ...o, duration })) });
    if (options.warmupS > 0) {
      await cannon(withDuration(floorRun, options.warmupS), undefined);
      await cannon(withDuration(warmRun, options.warmupS), undefined);
    }
    const floorOutcomes: CannonOutcome[] = [];
    const warmOutcomes: CannonOutcome[] = [];
    const roundS = options.durationS / options.rounds;
    for (let round = 1; round <= options.rounds; round++) {
      log(`  a) empty route / b) activate, warm: round ${round} of ${options.rounds} ...`);
      floorOutcomes.push(await cannon(withDuration(floorRun, roundS), serverPid));
      warmOutcomes.push(await cannon(withDuration(warmRun, roundS), serverPid));
    }
    const floor = summarize('a) empty route handler (floor)', C, mergeOutcomes(floorOutcomes));
    const warm = summarize('b) activate, warm (grace period)', C, mergeOutcomes(warmOutcomes));
    warm.ratio = warm.rps / floor.rps;
    const roundRate = (o: CannonOutcome) => o.countedOk / o.elapsedMs;
    warm.roundRatios = warmOutcomes.map((o, i) => roundRate(o) / roundRate(floorOutcomes[i]));
    scenarios.push(floor, warm);
    // At most one write per 30 s grace period, else the grace path was not what was measured.
    const [warmSeqAfter] = await seqNos([warmUid]);
    const warmWrites = warmSeqAfter === warmSeqBefore ? 0 : warmSeqAfter - lastSeqBefore;
    if (warmWrites > Math.ceil((performance.now() - abStarted) / 30_000) + 1) {
      notes.push(`b): the warm profile was written ${warmWrites} times: activations did not take the grace path`);
    }

    // a1/b1) the same requests one at a time: latency without queueing.
    const sequential = Math.max(100, Math.round(options.durationS * 30));
    for (const [name, target] of [
      ['a1) empty route, 1 connection', EMPTY_PATH],
      ['b1) activate warm, 1 connection', ACTIVATE_PATH],
    ] as const) {
      const one = { url: url + target, method: 'POST', headers, body: warmBody, connections: 1, amount: sequential, timeout: 30 } as autocannon.Options;
      await cannon({ instances: [{ ...one, amount: 50 }] }, undefined);
      log(`  ${name} ...`);
      scenarios.push(summarize(name, 1, await cannon({ instances: [one] }, serverPid)));
    }

    // d) floor variants (opt-in): which framework work an activation adds to the empty route.
    if (options.diagnose) {
      const variants: Array<[string, autocannon.Options]> = [
        ['d1) empty route + body read as the API reads it', { ...base, url: url + '/api/bench/body', method: 'POST', headers, body: warmBody } as autocannon.Options],
        ['d2) empty catch-all route', { ...base, url: url + '/api/bench/catch/profile/_activate', method: 'POST', headers, body: warmBody } as autocannon.Options],
        ['d3) GET /_security/_authenticate', { ...base, url: url + '/_security/_authenticate', method: 'GET', headers: { authorization: ELASTIC_AUTH } } as autocannon.Options],
        ['d4) activate, warm (again, after d1-d3)', { ...base, url: url + ACTIVATE_PATH, method: 'POST', headers, body: warmBody } as autocannon.Options],
      ];
      for (const [name, variant] of variants) {
        const result = await measure(name, { instances: [variant] }, C);
        result.ratio = result.rps / floor.rps;
        scenarios.push(result);
      }
    }

    // b') warm activation on the write path: each connection alternates _disable and
    // _activate of its own user, so every activation re-enables and rewrites the profile.
    const probe = async (): Promise<number> => {
      await expectOk(server, 'POST', `/_security/profile/${writeUids[0]}/_disable`);
      return (await expectOk(server, 'POST', ACTIVATE_PATH, JSON.parse(grantBody(writeUsers[0]))))._doc._seq_no as number;
    };
    const writeRun: CannonRun = {
      counts: (i) => i % 2 === 1,
      instances: writeUsers.map(
        (name, i) =>
          ({
            ...base,
            url,
            connections: 1,
            requests: [
              { method: 'POST', path: `/_security/profile/${encodeURIComponent(writeUids[i])}/_disable`, headers: { authorization: ELASTIC_AUTH } },
              { method: 'POST', path: ACTIVATE_PATH, headers, body: grantBody(name) },
            ],
          }) as autocannon.Options,
      ),
    };
    if (options.warmupS > 0) {
      await cannon({ ...writeRun, instances: writeRun.instances.map((o) => ({ ...o, duration: options.warmupS })) }, undefined);
    }
    log("  b') activate, warm, write path ...");
    const seqBefore = await probe();
    const writeOutcome = await cannon(writeRun, serverPid);
    const seqAfter = await probe();
    // Server CPU is shared by the _disable calls: charge it per activation+disable pair.
    const write = summarize("b') activate, warm, write path", C, writeOutcome);
    write.note = [write.note, 'each after a _disable (not timed)'].filter(Boolean).join('; ');
    if (write.serverCpuMs !== undefined) write.note += '; server CPU/req includes the _disable';
    const writes = seqAfter - seqBefore - 2; // every _disable and every write-path activation takes a seq_no
    if (writes < writeOutcome.countedOk * 2) {
      notes.push(`b'): only ${writes} writes for ${writeOutcome.countedOk} activations: some took the grace path`);
    }
    scenarios.push(write);

    // c) cold: every request a new user (bcrypt verification, profile creation).
    let nextCold = 0;
    const coldUids = new Set<string>();
    log(`  c) ${coldUsers.length} cold activations ...`);
    const coldOutcome = await cannon(
      {
        instances: [
          {
            url,
            connections: Math.min(C, coldUsers.length),
            amount: coldUsers.length,
            timeout: 60,
            requests: [
              {
                method: 'POST',
                path: ACTIVATE_PATH,
                headers,
                setupRequest: (request: autocannon.Request) => ({ ...request, body: grantBody(coldUsers[nextCold++ % coldUsers.length]) }),
                onResponse: (status: number, body: string) => {
                  if (status === 200) coldUids.add((JSON.parse(body) as { uid: string }).uid);
                },
              },
            ],
          } as autocannon.Options,
        ],
      },
      serverPid,
    );
    const cold = summarize(`c) activate, cold (new user, bcrypt)`, Math.min(C, coldUsers.length), coldOutcome);
    if (coldUids.size !== coldUsers.length || nextCold !== coldUsers.length) {
      notes.push(`c): expected ${coldUsers.length} distinct users, got ${coldUids.size} profiles from ${nextCold} requests`);
    }
    scenarios.push(cold);

    // s1, s10) suggest: a rotating set of queries over the seeded names.
    scenarios.push(...(await suggestScenarios(server, serverPid, profileCount, options, notes)));
  } catch (error) {
    if (!(error instanceof BenchError)) process.stderr.write(`server output (last 3000 characters):\n${server.output().slice(-3000)}\n`);
    throw error;
  } finally {
    await server.stop();
    activeServer = undefined;
  }

  log('in-process breakdown ...');
  const inProcess = await inProcessBreakdown(dataDir, options.iterations, notes);
  return { profileCount, seedMs, scenarios, inProcess, notes };
}

// ---------------------------------------------------------------------------------------------
// Suggest: realistic queries against the seeded names (scripts/seed-profiles.ts)

interface SuggestQuery {
  /** Names the query across runs (the selective query's username depends on the run). */
  key: string;
  label: string;
  body: { name: string; size?: number };
  /** The user who must come first: the selective query, when that user was seeded. */
  firstUser?: string;
  /** Nothing may match: the selective query over a store without that user. */
  none?: boolean;
}

/** Suggest's default size (SuggestProfilesRequest). */
const SUGGEST_DEFAULT_SIZE = 10;
/** seedFullName repeats every 50 first names x 200 last names. */
const SEED_NAME_PERIOD = 10_000;

function suggestQueries(profileCount: number): SuggestQuery[] {
  const selective = seedUsername(DEFAULT_SEED_PREFIX, Math.max(1, Math.ceil(profileCount / 2)));
  return [
    profileCount > 0
      ? { key: 'one username', label: `one username "${selective}"`, body: { name: selective }, firstUser: selective }
      : { key: 'one username', label: `one username "${selective}" (not stored)`, body: { name: selective }, none: true },
    { key: 'first-name prefix "ja"', label: 'first-name prefix "ja"', body: { name: 'ja' } },
    { key: 'surname "Tanaka"', label: 'surname "Tanaka"', body: { name: 'Tanaka' } },
    { key: 'empty name, size 10', label: 'empty name "", size 10', body: { name: '', size: 10 } },
    { key: 'two words "Maria Garcia"', label: 'two words "Maria Garcia"', body: { name: 'Maria Garcia' } },
  ];
}

/**
 * Checks one suggest answer against the seeded data: as many hits as size and total allow, each
 * matching the name, in score order (scored by SuggestScorer, the reference implementation of suggest's rules),
 * the best score any seeded profile reaches, and the selective query's user first. A problem
 * as text, or undefined.
 */
function checkSuggestAnswer(query: SuggestQuery, json: Json, profileCount: number): string | undefined {
  const size = query.body.size ?? SUGGEST_DEFAULT_SIZE;
  const profiles = json?.profiles as Json[] | undefined;
  const total = json?.total as { value?: unknown; relation?: unknown } | undefined;
  if (!Array.isArray(profiles) || typeof total?.value !== 'number') return `unexpected answer ${JSON.stringify(json).slice(0, 300)}`;
  const expectedHits = total.relation === 'gte' ? size : Math.min(size, total.value);
  if (profiles.length !== expectedHits) return `${profiles.length} profiles for total ${total.value} (${String(total.relation)}) and size ${size}`;
  const scorer = new SuggestScorer(nameWords(query.body.name), undefined);
  const score = (user: ProfileSearchRow['user'], uid = '') => scorer.score({ id: 0, uid, lastSynchronized: 0, user, labels: {} });
  const scores = profiles.map((p) => score(p.user, p.uid));
  const unmatched = scores.findIndex((s) => s === undefined);
  if (unmatched >= 0) return `hit ${unmatched + 1} (${profiles[unmatched].user?.username}) does not match the name`;
  if (scores.some((s, i) => i > 0 && (s as number) > (scores[i - 1] as number))) return `hits not in score order (${scores.join(', ')})`;
  if (query.none && profiles.length > 0) return `expected no profile, got ${profiles[0].user?.username}`;
  if (query.firstUser !== undefined && profiles[0]?.user?.username !== query.firstUser) {
    return `expected ${query.firstUser} first, got ${profiles[0]?.user?.username ?? 'no profile'}`;
  }
  // The best score of a seeded profile; full names repeat, so the first SEED_NAME_PERIOD tell.
  const realm = { name: 'default_native', type: 'native', node_name: '' };
  let best: number | undefined;
  for (let n = 1; n <= Math.min(profileCount, SEED_NAME_PERIOD); n++) {
    const username = seedUsername(DEFAULT_SEED_PREFIX, n);
    const s = score({ username, roles: [], realm, email: `${username}@example.com`, full_name: seedFullName(n) });
    if (s !== undefined && (best === undefined || s > best)) best = s;
  }
  if (best !== undefined && !((scores[0] ?? -1) >= best)) return `the best hit scores ${scores[0] ?? '(none)'}, a seeded profile scores ${best}`;
  return undefined;
}

/**
 * An answer as timed requests must repeat it: without `took`, and ASCII only (autocannon decodes
 * each received chunk on its own, which may split a multi-byte character such as the ü of Müller).
 */
function comparableAnswer(body: string): string {
  return body.replace(/"took":\d+/, '').replace(/[^\x20-\x7e]/g, '');
}

/**
 * s1) and s10): the queries in turn on each connection, for --suggest-duration seconds at one
 * connection (with latency per query) and at --connections. Each query's answer is verified
 * once (untimed), then every timed answer must equal it.
 */
async function suggestScenarios(
  server: RunningServer,
  serverPid: number | undefined,
  profileCount: number,
  options: BenchOptions,
  notes: string[],
): Promise<ScenarioResult[]> {
  const queries = suggestQueries(profileCount);
  const headers = { authorization: ELASTIC_AUTH, 'content-type': 'application/json' };
  const references: string[] = [];
  for (const query of queries) {
    const response = await fetch(server.url + SUGGEST_PATH, { method: 'POST', headers, body: JSON.stringify(query.body) });
    const text = await response.text();
    if (response.status !== 200) throw new BenchError(`POST ${SUGGEST_PATH} ${JSON.stringify(query.body)} answered ${response.status}: ${text.slice(0, 500)}`);
    const json = JSON.parse(text) as Json;
    const problem = checkSuggestAnswer(query, json, profileCount);
    if (problem) notes.push(`s) suggest ${query.label}: CHECK FAILED: ${problem}`);
    log(`  suggest ${query.label}: total ${json.total.value}${json.total.relation === 'gte' ? '+' : ''}, ${json.profiles.length} profiles${problem ? ' (CHECK FAILED)' : ''}`);
    references.push(comparableAnswer(text));
  }

  // Per response, the request's onResponse runs right before cannon's observe: `last` tells
  // observe which query the latency belongs to.
  const tally = () => ({ latencies: queries.map((): number[] => []), failed: queries.map(() => 0), differing: queries.map(() => 0) });
  let current = tally();
  let last = -1;
  const requests = queries.map((query, i) => ({
    method: 'POST',
    path: SUGGEST_PATH,
    headers,
    body: JSON.stringify(query.body),
    onResponse: (status: number, body: string) => {
      last = i;
      if (status !== 200) current.failed[i]++;
      else if (comparableAnswer(body) !== references[i]) current.differing[i]++;
    },
  }));
  const run = (connections: number, duration: number): CannonRun => ({
    instances: [{ url: server.url, connections, duration, timeout: 30, requests } as autocannon.Options],
    observe: (status, responseTime) => {
      if (status >= 200 && status < 300 && last >= 0) current.latencies[last].push(responseTime);
    },
  });
  const differingNote = (t: ReturnType<typeof tally>): string | undefined => {
    const bad = queries.flatMap((q, i) => (t.differing[i] > 0 ? [`${q.label}: ${t.differing[i]}`] : []));
    return bad.length > 0 ? `FAILED checks: answers differing from the verified one (${bad.join(', ')}): figures are not valid` : undefined;
  };

  const C = options.connections;
  const mix = `${queries.length} queries in turn`;
  if (options.warmupS > 0) {
    await cannon(run(C, options.warmupS), undefined);
    const note = differingNote(current);
    if (note) notes.push(`s) warm-up: ${note}`);
  }
  const results: ScenarioResult[] = [];

  current = tally();
  log(`  s1) suggest, ${mix}, 1 connection ...`);
  const one = summarize(`s1) suggest, ${mix}`, 1, await cannon(run(1, options.suggestDurationS), serverPid));
  const oneTally = current;
  one.key = 's1) suggest, queries in turn';
  one.errors += oneTally.differing.reduce((a, b) => a + b, 0);
  one.note = [one.note, differingNote(oneTally)].filter(Boolean).join('; ') || undefined;
  results.push(one);
  queries.forEach((query, i) => {
    const sorted = [...oneTally.latencies[i]].sort((a, b) => a - b);
    results.push({
      scenario: `      ${query.label}`,
      key: `      ${query.key}`,
      requests: sorted.length,
      connections: 1,
      rps: NaN,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      errors: oneTally.failed[i] + oneTally.differing[i],
      clientCpu: NaN,
    });
  });

  current = tally();
  log(`  s${C}) suggest, ${mix}, ${C} connections ...`);
  const many = summarize(`s${C}) suggest, ${mix}`, C, await cannon(run(C, options.suggestDurationS), serverPid));
  many.key = `s${C}) suggest, queries in turn`;
  many.errors += current.differing.reduce((a, b) => a + b, 0);
  many.note = [many.note, differingNote(current)].filter(Boolean).join('; ') || undefined;
  results.push(many);
  return results;
}

// ---------------------------------------------------------------------------------------------
// In-process breakdown: the same code without Next.js and HTTP, on the run's data directory
// (after its server stopped), so framework and application costs can be told apart.

interface InProcessResult {
  what: string;
  /** How many operations were timed. */
  ops?: number;
  /** CPU time of this process per operation (all threads), like the server's CPU per request. */
  cpuUs?: number;
  /** Median wall time of one operation. */
  p50Us?: number;
  error?: string;
}

/** Each measurement loop runs at least this long, so that process CPU time is read accurately. */
const MIN_LOOP_MS = 300;
const MAX_SAMPLES = 100_000;

/**
 * Times `fn` sequentially. CPU per operation is what attribution uses: unlike wall time it is
 * not inflated when other processes take the cores, and it includes GC like the server's CPU.
 * `before` prepares each call; its own cost, measured in a loop of its own, is subtracted.
 */
async function timeIt(what: string, minIterations: number, fn: () => unknown, before?: () => unknown): Promise<InProcessResult> {
  try {
    // Warm-up (JIT, caches): at least 50 calls, a tenth of the iterations and 100 ms.
    const warmStart = performance.now();
    let warmup = 0;
    while (warmup < Math.max(50, minIterations / 10) || performance.now() - warmStart < 100) {
      if (before) await before();
      await fn();
      warmup++;
    }
    const perOpMs = (performance.now() - warmStart) / warmup;
    const ops = Math.min(5_000_000, Math.max(minIterations, Math.ceil(MIN_LOOP_MS / Math.max(perOpMs, 1e-6))));
    const every = Math.ceil(ops / MAX_SAMPLES);
    const samples: number[] = [];
    const loopCpu = process.cpuUsage();
    for (let i = 0; i < ops; i++) {
      if (before) await before();
      const t0 = process.hrtime.bigint();
      await fn();
      if (i % every === 0) samples.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    const used = process.cpuUsage(loopCpu);
    let cpuMicros = used.user + used.system;
    if (before) {
      const beforeCpu = process.cpuUsage();
      for (let i = 0; i < ops; i++) await before();
      const b = process.cpuUsage(beforeCpu);
      cpuMicros -= b.user + b.system;
    }
    samples.sort((a, b) => a - b);
    return { what, ops, cpuUs: cpuMicros / ops, p50Us: percentile(samples, 0.5) };
  } catch (error) {
    return { what, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Something like what the server runs between two requests of one connection: about 500 µs of
 * Next.js and node:http, a lot of distinct code. Calling 2,000 distinct small functions and
 * scanning 16 MB pushes the hot path's machine code, inline caches and data out of the CPU caches,
 * as a busy framework does. (Scanning data alone barely matters; code is what gets evicted.)
 */
function cacheEvictor(): () => number {
  const functions = Array.from(
    { length: 2000 },
    // Generated code on purpose: each function is distinct machine code.
    (_, i) => new Function('x', `return x * ${i} + ${i % 7} - (x >> ${i % 5});`) as (x: number) => number,
  );
  const data = new Float64Array(2 << 20);
  let sink = 0;
  return () => {
    for (let i = 0; i < data.length; i += 8) sink += data[i];
    for (const f of functions) sink = f(sink & 1023);
    return sink;
  };
}

/** Mean and median wall time of a synchronous `fn`, with the caches evicted before each call. */
function timeEvicted(what: string, ops: number, fn: () => unknown): InProcessResult {
  const evict = cacheEvictor();
  for (let i = 0; i < 50; i++) {
    evict();
    fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < ops; i++) {
    evict();
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  const mean = samples.reduce((sum, x) => sum + x, 0) / ops;
  samples.sort((a, b) => a - b);
  // Synchronous code on one thread: wall time is its CPU time.
  return { what, ops, cpuUs: mean, p50Us: percentile(samples, 0.5) };
}

async function inProcessBreakdown(dataDir: string, iterations: number, notes: string[]): Promise<InProcessResult[]> {
  const { SecurityEngine } = await import('../lib/security/engine');
  const { EsApiDispatcher } = await import('../lib/es-api/dispatch');
  const { Actions } = await import('../lib/security/actions');
  const engine = await SecurityEngine.open({ dataDir, nodeName: process.env.NODE_NAME || os.hostname(), elasticPassword: ELASTIC_PASSWORD });
  const results: InProcessResult[] = [];
  try {
    const dispatcher = new EsApiDispatcher(engine, { maxContentLength: 1024 * 1024 });
    const headers = new Headers({ authorization: ELASTIC_AUTH, 'content-type': 'application/json' });
    const activate = (username: string) => ({ method: 'POST', path: ACTIVATE_PATH, query: '', headers, body: grantBody(username) });
    const dispatchOk = async (request: ReturnType<typeof activate>) => {
      const response = await dispatcher.dispatch(request);
      if (response.status !== 200) throw new Error(`${request.path} answered ${response.status}: ${response.body.slice(0, 300)}`);
      return response;
    };
    const warmUser = 'bench_warm';
    const writeUser = 'bench_write_0';
    // Verifies both passwords once (bcrypt), then everything below is cached.
    await dispatchOk(activate(warmUser));
    const writeUid = (JSON.parse((await dispatchOk(activate(writeUser))).body) as { uid: string }).uid;
    const disable = { method: 'POST', path: `/_security/profile/${writeUid}/_disable`, query: '', headers: new Headers({ authorization: ELASTIC_AUTH }), body: '' };

    // The route handler of the Elasticsearch API, called with a web Request as Next.js would,
    // over this engine (installed as the process runtime when the runtime module allows it).
    const runtimeHolder = globalThis as { __profileConsoleRuntime?: Promise<unknown> };
    runtimeHolder.__profileConsoleRuntime = Promise.resolve({ engine, dispatcher });
    const { getRuntime } = await import('../lib/es-api/runtime');
    if ((await getRuntime()).dispatcher === dispatcher) {
      const route = await import('../app/api/es/[[...path]]/route');
      const body = grantBody(warmUser);
      const newRequest = () =>
        new Request(`http://127.0.0.1:3000${ACTIVATE_PATH}`, { method: 'POST', headers: { authorization: ELASTIC_AUTH, 'content-type': 'application/json' }, body });
      results.push(await timeIt('new Request(url, {headers, body}) (Next.js builds one too)', iterations, newRequest));
      results.push(
        await timeIt('route handler POST(new Request) -> Response text, grace', iterations, async () => {
          const response = await route.POST(newRequest());
          if (response.status !== 200) throw new Error(`route answered ${response.status}`);
          await response.text();
        }),
      );
    } else {
      notes.push('in-process route handler not measured: lib/es-api/runtime no longer reads globalThis.__profileConsoleRuntime');
    }
    results.push(await timeIt('dispatcher.dispatch(activate), warm grace', iterations, () => dispatchOk(activate(warmUser))));
    results.push(
      timeEvicted('  the same, caches evicted before each call', 1500, () => {
        const response = dispatcher.dispatch(activate(warmUser));
        if (response instanceof Promise || response.status !== 200) throw new Error('a warm activation did not answer 200 synchronously');
      }),
    );
    results.push(
      await timeIt('dispatcher.dispatch(activate), write path', iterations, () => dispatchOk(activate(writeUser)), () => dispatchOk(disable)),
    );
    const caller = await engine.authentication.authenticateRequest(ELASTIC_AUTH, ACTIVATE_PATH);
    results.push(await timeIt('  caller Basic auth (cached)', iterations, () => engine.authentication.authenticateRequest(ELASTIC_AUTH, ACTIVATE_PATH)));
    results.push(await timeIt('  authorize manage_user_profile', iterations, () => engine.authorization.authorize(caller, Actions.profileActivate)));
    const grant = { grant_type: 'password', username: warmUser, password: USER_PASSWORD };
    results.push(await timeIt('  grant password auth (cached)', iterations, () => engine.grants.authenticate(grant, Actions.profileActivate)));
    const subject = await engine.grants.authenticate(grant, Actions.profileActivate);
    results.push(await timeIt('  profiles.activate, grace (no write)', iterations, () => engine.profiles.activate(subject)));
    const writeSubject = await engine.grants.authenticate({ ...grant, username: writeUser }, Actions.profileActivate);
    results.push(
      await timeIt(
        '  profiles.activate, write (after disable)',
        iterations,
        () => engine.profiles.activate(writeSubject),
        () => engine.profiles.setEnabled(writeUid, false),
      ),
    );
    const emptyRoute = await import('../app/api/bench/empty/route');
    const benchRoutes = process.env.BENCH_ROUTES;
    process.env.BENCH_ROUTES = '1';
    try {
      results.push(await timeIt('empty route handler POST() -> Response text', iterations, () => emptyRoute.POST().text()));
    } finally {
      if (benchRoutes === undefined) delete process.env.BENCH_ROUTES;
      else process.env.BENCH_ROUTES = benchRoutes;
    }
  } finally {
    (globalThis as { __profileConsoleRuntime?: unknown }).__profileConsoleRuntime = undefined;
    engine.close();
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Output

const startedAt = performance.now();

/** Progress on stderr, with seconds since start; results go to stdout. */
function log(message: string): void {
  const lead = message.match(/^\n*/)?.[0] ?? '';
  process.stderr.write(`${lead}[${((performance.now() - startedAt) / 1000).toFixed(1).padStart(5)} s] ${message.slice(lead.length)}\n`);
}

function table(headers: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fixed = (n: number | undefined, digits: number) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits));

function report(run: RunResult, options: BenchOptions): string {
  const out: string[] = [];
  out.push('');
  out.push(
    `== ${run.profileCount.toLocaleString('en-US')} seeded profiles` +
      (run.seedMs !== undefined ? ` (seeded in ${(run.seedMs / 1000).toFixed(1)} s)` : '') +
      ` — ${options.durationS} s per scenario (a and b in ${options.rounds} alternating rounds), cold: ${options.coldUsers} users, ` +
      `suggest: ${options.suggestDurationS} s per concurrency ==`,
  );
  out.push(
    table(
      ['scenario', 'requests', 'concurrency', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'srv CPU ms/req', 'bench CPU', 'vs floor'],
      run.scenarios.map((s) => [
        s.scenario,
        String(s.requests),
        String(s.connections),
        fixed(s.rps, 0),
        fixed(s.p50, 2),
        fixed(s.p99, 2),
        String(s.errors),
        fixed(s.serverCpuMs, 2),
        Number.isFinite(s.clientCpu) ? `${Math.round(s.clientCpu * 100)}%` : '',
        s.ratio === undefined
          ? ''
          : `${s.ratio.toFixed(2)}x${s.scenario.startsWith('b)') ? ` (target >= ${TARGET_RATIO}x: ${targetVerdict(s)})` : ''}`,
      ]),
      [false, true, true, true, true, true, true, true, true, false],
    ),
  );
  for (const s of run.scenarios) if (s.note) out.push(`  ${s.scenario.split(' ')[0]} ${s.note}`);
  if (run.scenarios.some((s) => s.scenario.startsWith('s1)'))) {
    out.push('  s1) rows below it: latency per query within s1) (req/s only for the mix); errors include answers that differ from the verified one');
  }

  out.push('');
  out.push(`-- where the time goes: the same code in this process, no HTTP (same data, server stopped; at least ${options.iterations} ops and ${MIN_LOOP_MS} ms each) --`);
  out.push(
    table(
      ['step', 'ops', 'CPU µs/op', 'p50 µs'],
      run.inProcess.map((r) => [r.what, r.ops === undefined ? '-' : String(r.ops), r.error ? `error: ${r.error}` : fixed(r.cpuUs, 1), fixed(r.p50Us, 1)]),
      [false, true, true, true],
    ),
  );

  const scenario = (prefix: string) => run.scenarios.find((s) => s.scenario.startsWith(prefix));
  const step = (prefix: string) => run.inProcess.find((r) => r.what.startsWith(prefix))?.cpuUs;
  const floor = scenario('a)');
  const warm = scenario('b)');
  const floor1 = scenario('a1)');
  const warm1 = scenario('b1)');
  const dispatch = step('dispatcher.dispatch(activate), warm');
  const dispatchEvicted = step('  the same, caches evicted');
  const route = step('route handler');
  const request = step('new Request');
  const lines: string[] = [];
  if (floor?.serverCpuMs !== undefined && warm?.serverCpuMs !== undefined) {
    const total = warm.serverCpuMs * 1000;
    const empty = floor.serverCpuMs * 1000;
    lines.push(
      `server CPU per request: warm activation ${fixed(total, 0)} µs, empty route ${fixed(empty, 0)} µs (Next.js + node:http floor); ` +
        `difference ${fixed(total - empty, 0)} µs; by CPU, activation/floor throughput would be ${fixed(empty / total, 2)}x`,
    );
    if (warm.roundRatios && warm.roundRatios.length > 1) {
      const sorted = [...warm.roundRatios].sort((x, y) => x - y);
      lines.push(
        `b/a by round (${sorted.length} rounds): min ${fixed(sorted[0], 3)}, median ${fixed(percentile(sorted, 0.5), 3)}, max ${fixed(sorted[sorted.length - 1], 3)}; ` +
          `whole run ${fixed(warm.ratio ?? NaN, 3)}`,
      );
      const verdict = ratioVerdict(warm.roundRatios, TARGET_RATIO);
      if (verdict) {
        lines.push(
          `  mean of the rounds ${fixed(verdict.mean, 3)}, 95% interval ${fixed(verdict.low, 3)} to ${fixed(verdict.high, 3)}: ` +
            `target >= ${TARGET_RATIO}x ${verdict.verdict}` +
            (verdict.verdict === 'within noise' ? ' (more or longer rounds narrow the interval: --duration, --rounds)' : ''),
        );
      }
    }
    if (dispatch !== undefined) {
      lines.push(`  application: dispatcher (auth, parse, authorize, grant, SQLite, JSON)   ${fixed(dispatch, 0).padStart(5)} µs  ${fixed((dispatch / total) * 100, 0).padStart(3)}%`);
      if (dispatchEvicted !== undefined) {
        lines.push(`    (hot in a loop; with the caches evicted between calls, as between two requests in the server: ${fixed(dispatchEvicted, 0)} µs)`);
      }
      if (route !== undefined && request !== undefined) {
        const adapter = route - request - dispatch;
        lines.push(`  route-handler adapter (body stream read, URL, headers, Response)         ${fixed(adapter, 0).padStart(5)} µs  ${fixed((adapter / total) * 100, 0).padStart(3)}%`);
        lines.push(`  Next.js + node:http around the handler (the rest)                        ${fixed(total - dispatch - adapter, 0).padStart(5)} µs  ${fixed(((total - dispatch - adapter) / total) * 100, 0).padStart(3)}%`);
      } else {
        lines.push(`  Next.js, node:http and the route adapter (the rest)                      ${fixed(total - dispatch, 0).padStart(5)} µs  ${fixed(((total - dispatch) / total) * 100, 0).padStart(3)}%`);
      }
    }
  }
  const diagnosed = run.scenarios.filter((s) => /^d\d\)/.test(s.scenario) && s.serverCpuMs !== undefined);
  if (floor?.serverCpuMs !== undefined && diagnosed.length > 0) {
    lines.push('server CPU over the empty route:');
    for (const d of diagnosed) lines.push(`  ${d.scenario.padEnd(42)} ${fixed(((d.serverCpuMs as number) - floor.serverCpuMs) * 1000, 0).padStart(5)} µs`);
    if (warm?.serverCpuMs !== undefined) lines.push(`  ${'b) activate, warm'.padEnd(42)} ${fixed((warm.serverCpuMs - floor.serverCpuMs) * 1000, 0).padStart(5)} µs`);
  }
  if (warm1 && floor1 && dispatch !== undefined) {
    lines.push(
      `one connection (no queueing): HTTP p50 ${fixed(warm1.p50, 2)} ms for an activation, ${fixed(floor1.p50, 2)} ms for the empty route; ` +
        `the dispatcher's share is ${fixed(dispatch / 1000, 2)} ms`,
    );
  }
  if (warm) lines.push(`at ${warm.connections} connections the p50 of ${fixed(warm.p50, 2)} ms is mostly queueing (${os.cpus().length} cores, shared with the load generator)`);
  if (lines.length > 0) out.push('', ...lines);
  for (const note of run.notes) out.push(`note: ${note}`);
  return out.join('\n');
}

/** All runs side by side: req/s, p50 and p99 of each scenario per stored-profile count. */
function summaryReport(runs: RunResult[]): string {
  const keyOf = (s: ScenarioResult) => s.key ?? s.scenario;
  const keys: string[] = [];
  for (const run of runs) for (const s of run.scenarios) if (!keys.includes(keyOf(s))) keys.push(keyOf(s));
  const headers = ['scenario', ...runs.flatMap((r) => [`${r.profileCount.toLocaleString('en-US')}: req/s`, 'p50 ms', 'p99 ms'])];
  const rows = keys.map((key) => [
    key,
    ...runs.flatMap((r) => {
      const s = r.scenarios.find((x) => keyOf(x) === key);
      return s ? [fixed(s.rps, 0) + (s.errors > 0 ? '!' : ''), fixed(s.p50, 2), fixed(s.p99, 2)] : ['', '', ''];
    }),
  ]);
  return [
    '',
    '== summary by stored profiles (! = errors in that scenario; see its run) ==',
    table(headers, rows, [false, ...runs.flatMap(() => [true, true, true])]),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

/** Stops a running server and removes the run's data directories (unless --keep-data). */
async function cleanup(): Promise<void> {
  const server = activeServer;
  activeServer = undefined;
  if (server) await server.stop().catch(() => undefined);
  const dirs = dataDirs.splice(0);
  if (keepData) {
    if (dirs.length > 0) log(`data kept in: ${dirs.join(', ')}`);
    return;
  }
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}

let fallbackDataDir: string | undefined;

function removeFallbackDataDir(): void {
  if (fallbackDataDir) fs.rmSync(fallbackDataDir, { recursive: true, force: true });
  fallbackDataDir = undefined;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  keepData = options.keepData;
  const distDir = checkBuild();
  // Should the in-process breakdown ever create its own runtime, it must not use ./data.
  fallbackDataDir = tempDataDir('profile-console-bench-fallback-');
  process.env.DATA_DIR = fallbackDataDir;

  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`\n${signal}: stopping the server ...`);
    void cleanup()
      .finally(removeFallbackDataDir)
      .finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const load = os.loadavg()[0];
  const header = [
    `Profile Console bench — ${new Date().toISOString()}`,
    `build ${distDir}/ (${fs.readFileSync(path.join(ROOT, distDir, 'BUILD_ID'), 'utf8').trim()}), node ${process.version}, ` +
      `${os.cpus().length} cores, load average ${load.toFixed(2)} at start` +
      (load > os.cpus().length * 0.25 ? ' (busy machine: expect noisy numbers)' : ''),
    `load generator: autocannon in this process, on the same cores as the server`,
  ];
  console.log(header.join('\n'));

  try {
    log('hashing the bench users\' password once (bcrypt) ...');
    const userHash = await bcrypt.hash(USER_PASSWORD, 10);
    const runs: RunResult[] = [];
    for (const count of options.profileCounts) {
      log(`\n== run with ${count.toLocaleString('en-US')} seeded profiles ==`);
      const run = await benchRun(count, options, userHash);
      runs.push(run);
      console.log(report(run, options));
      await cleanup();
    }
    if (runs.length > 1) console.log(summaryReport(runs));
    const load1 = os.loadavg()[0];
    console.log(`\nload average ${load1.toFixed(2)} at the end`);
  } finally {
    await cleanup();
    removeFallbackDataDir();
  }
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await cleanup().catch(() => undefined);
    removeFallbackDataDir();
    console.error(error instanceof BenchError ? `bench: ${error.message}` : error);
    process.exit(1);
  },
);
