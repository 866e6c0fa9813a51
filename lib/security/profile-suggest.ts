import {
  flattenLabels,
  foldCase,
  fullNameWords,
  TERM_EMAIL,
  TERM_FULL_NAME,
  TERM_USERNAME,
  type ProfilesStore,
  type ProfileSearchRow,
  type RangeCandidate,
  type ScoredProfile,
  type SuggestSpec,
  type SuggestWeights,
  type TermKind,
} from '@/lib/store/profiles-store';
import { EsError } from './errors';
import { filterApplicationData } from './profile-data-filter';
import { profileUserView, type ProfileView } from './profiles';

/**
 * Suggest user profiles (GET|POST /_security/profile/_suggest).
 *
 * Elasticsearch runs a bool query over enabled profiles: `name` as a multi_match bool_prefix
 * over username, full name and email (must), the hints as should clauses (boost only), sorted by
 * score then last_synchronized desc. Here an enabled profile matches when any word of `name`
 * is a prefix of its username, of a word of its full name, or of its email (case insensitive);
 * an empty name matches every enabled profile. Each word scores its best match (exact username
 * > username prefix > full-name word prefix > email prefix) and word scores add up; each hint
 * that holds adds a small boost that reorders profiles within a score level, never across
 * levels, and never filters. No fuzzy (typo-tolerant) matching.
 */

export interface SuggestHint {
  uids?: string[];
  /** The single label key and its values (validated: exactly one key). */
  labels?: Record<string, string[]>;
}

export interface SuggestRequest {
  name: string;
  size: number;
  dataKeys: string[];
  hint?: SuggestHint;
}

export interface SuggestHit {
  uid: string;
  user: ProfileView['user'];
  labels: Record<string, unknown>;
  data: Record<string, unknown>;
}

export interface SuggestResponse {
  took: number;
  total: { value: number; relation: 'eq' | 'gte' };
  profiles: SuggestHit[];
}

export const SCORE_USERNAME_EXACT = 100;
export const SCORE_USERNAME_PREFIX = 50;
export const SCORE_FULL_NAME_PREFIX = 30;
export const SCORE_EMAIL_PREFIX = 20;
export const SCORE_HINT = 5;

/** Elasticsearch's default track_total_hits: totals above it are reported as {10000, gte}. */
export const TRACK_TOTAL_HITS = 10_000;
/** index.max_result_window: a larger size fails as in Elasticsearch. */
export const MAX_RESULT_WINDOW = 10_000;
/** Words of `name` beyond this many are ignored. */
export const MAX_NAME_WORDS = 32;

/** Work bounds of one suggest (see suggestProfiles); tests lower them to exercise every path. */
export interface SuggestLimits {
  /** A term range with more entries than this is "large": not read whole. */
  fetchLimit: number;
  /** Most enabled profiles the recency walk passes before falling back to ranked range reads. */
  maxWalk: number;
  /** A label hint with at most this many entries is resolved to a list of profiles up front. */
  labelLimit?: number;
}

export const DEFAULT_SUGGEST_LIMITS: SuggestLimits = { fetchLimit: 10_000, maxWalk: 20_000, labelLimit: 1_000 };

export const SUGGEST_WEIGHTS: SuggestWeights = {
  usernameExact: SCORE_USERNAME_EXACT,
  usernamePrefix: SCORE_USERNAME_PREFIX,
  fullNamePrefix: SCORE_FULL_NAME_PREFIX,
  emailPrefix: SCORE_EMAIL_PREFIX,
  hint: SCORE_HINT,
};

const PREFIX_SOURCES: ReadonlyArray<[TermKind, number]> = [
  [TERM_USERNAME, SCORE_USERNAME_PREFIX],
  [TERM_FULL_NAME, SCORE_FULL_NAME_PREFIX],
  [TERM_EMAIL, SCORE_EMAIL_PREFIX],
];

/** SuggestProfilesRequest.validate (size, then the hint's rules in Elasticsearch's order). */
export function validateSuggestRequest(request: SuggestRequest): string[] {
  const problems: string[] = [];
  if (request.size < 0) problems.push(`[size] parameter cannot be negative but was [${request.size}]`);
  const hint = request.hint;
  if (hint) {
    if (hint.uids === undefined && hint.labels === undefined) {
      problems.push('[hint] parameter cannot be empty');
      return problems;
    }
    if (hint.uids !== undefined && hint.uids.length === 0) problems.push('[uids] hint cannot be empty');
    if (hint.labels !== undefined) {
      const keys = Object.keys(hint.labels);
      if (keys.length !== 1) {
        problems.push(`[labels] hint supports a single key, got [${keys.join(',')}]`);
        return problems;
      }
      if (keys[0].includes('*')) problems.push('[labels] hint key cannot contain wildcard');
      if (hint.labels[keys[0]].length === 0) problems.push('[labels] hint value cannot be empty');
    }
  }
  return problems;
}

/**
 * The words of a suggest name: lower-cased, split on whitespace, without the punctuation around
 * them (as Elasticsearch's standard analyzer drops it: "bob*", "(bob)" and "bob!" all search for
 * bob; underscores count as word characters there too), de-duplicated.
 */
export function nameWords(name: string): string[] {
  const words = foldCase(name)
    .split(/\s+/)
    .map((word) => word.replace(EDGE_PUNCTUATION, ''))
    .filter((word) => word !== '');
  return [...new Set(words)];
}

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu;

interface LabelHint {
  path: string;
  values: ReadonlySet<string>;
}

/**
 * The scoring rules above, in JavaScript, for one profile: undefined when it does not match
 * the name. suggestProfiles computes the same scores in SQLite from the search index; this is
 * their reference (tests compare both over whole stores) and serves tools that score a few
 * profiles at hand.
 */
export class SuggestScorer {
  private readonly uidHint: ReadonlySet<string>;
  private readonly labelHint?: LabelHint;

  constructor(
    private readonly words: readonly string[],
    hint: SuggestHint | undefined,
  ) {
    this.uidHint = new Set(hint?.uids ?? []);
    const labelKey = hint?.labels ? Object.keys(hint.labels)[0] : undefined;
    if (labelKey !== undefined) this.labelHint = { path: labelKey, values: new Set(hint!.labels![labelKey]) };
  }

  score(row: ProfileSearchRow): number | undefined {
    let score = 0;
    if (this.words.length > 0) {
      const username = foldCase(row.user.username);
      const fullName = row.user.full_name ? fullNameWords(row.user.full_name) : [];
      const email = row.user.email ? foldCase(row.user.email) : '';
      let matched = false;
      for (const word of this.words) {
        let best = 0;
        if (username === word) best = SCORE_USERNAME_EXACT;
        else if (username.startsWith(word)) best = SCORE_USERNAME_PREFIX;
        else if (fullName.some((w) => w.startsWith(word))) best = SCORE_FULL_NAME_PREFIX;
        else if (email !== '' && email.startsWith(word)) best = SCORE_EMAIL_PREFIX;
        if (best > 0) matched = true;
        score += best;
      }
      if (!matched) return undefined;
    }
    if (this.uidHint.has(row.uid)) score += SCORE_HINT;
    if (this.labelHint && this.hasLabel(row.labels, this.labelHint)) score += SCORE_HINT;
    return score;
  }

  private hasLabel(labels: Record<string, unknown>, hint: LabelHint): boolean {
    return flattenLabels(labels).some(([path, value]) => path === hint.path && hint.values.has(value));
  }
}

/** Suggest's order: score desc, last_synchronized desc, then creation order. */
function compareScored(a: ScoredProfile, b: ScoredProfile): number {
  return b.score - a.score || b.lastSynchronized - a.lastSynchronized || a.id - b.id;
}

function resultWindowTooLarge(size: number): EsError {
  return new EsError(400, 'search_phase_execution_exception', 'all shards failed', {
    causedBy: {
      type: 'illegal_argument_exception',
      reason:
        `Result window is too large, from + size must be less than or equal to: [${MAX_RESULT_WINDOW}] but was [${size}]. ` +
        'See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the ' +
        '[index.max_result_window] index level setting.',
    },
  });
}

/**
 * The best `size` profiles of the ranges read whole, exactly scored: candidates come best upper
 * bound first; those whose bounds differ are scored by index probes, a chunk at a time, and
 * only while their upper bound can still beat the size-th best exact score (the threshold
 * algorithm: once the next upper bound cannot, no later candidate can).
 */
function bestOfRanges(store: ProfilesStore, spec: SuggestSpec, size: number): { hits: ScoredProfile[]; candidates: number } {
  const CHUNK = 64;
  const top: ScoredProfile[] = [];
  const insert = (hit: ScoredProfile) => {
    let at = top.length;
    while (at > 0 && compareScored(hit, top[at - 1]) < 0) at--;
    top.splice(at, 0, hit);
    if (top.length > size) top.pop();
  };
  const canEnter = (row: RangeCandidate) =>
    top.length < size || compareScored({ id: row.id, lastSynchronized: row.lastSynchronized, score: row.high }, top[size - 1]) < 0;
  const open: number[] = [];
  const settle = () => {
    for (const hit of store.suggestFromIds(spec, open, open.length)) insert(hit);
    open.length = 0;
  };
  const candidates = store.rangeCandidates(spec, (row) => {
    // Once `top` is full and this upper bound cannot beat it, no later one can (pending probes
    // only raise the bar).
    if (size === 0 || !canEnter(row)) return false;
    if (row.low === row.high) insert({ id: row.id, lastSynchronized: row.lastSynchronized, score: row.low });
    else if (open.push(row.id) >= CHUNK) settle();
    return true;
  });
  settle();
  return { hits: top, candidates };
}

/**
 * The best score a profile outside every fully fetched source can reach: each word scores at
 * most one large source; a profile has one username and one email, so several words can score
 * on the username (or the email) only if each is a prefix of another.
 */
export function outsideBound(words: readonly string[], large: ReadonlyArray<ReadonlyMap<TermKind, number>>): number {
  const loose = large.reduce((sum, m) => sum + Math.max(0, ...m.values()), 0);
  if (words.length > 8) return loose;
  const compatible = (taken: readonly string[], word: string) => taken.every((t) => t.startsWith(word) || word.startsWith(t));
  let best = 0;
  const assign = (i: number, sum: number, onUsername: string[], onEmail: string[]): void => {
    if (i === words.length) {
      best = Math.max(best, sum);
      return;
    }
    assign(i + 1, sum, onUsername, onEmail);
    for (const [kind, weight] of large[i]) {
      if (kind === TERM_USERNAME) {
        if (compatible(onUsername, words[i])) assign(i + 1, sum + weight, [...onUsername, words[i]], onEmail);
      } else if (kind === TERM_EMAIL) {
        if (compatible(onEmail, words[i])) assign(i + 1, sum + weight, onUsername, [...onEmail, words[i]]);
      } else {
        assign(i + 1, sum + weight, onUsername, onEmail);
      }
    }
  };
  assign(0, 0, [], []);
  return best;
}

/**
 * Runs a suggest with bounded work on any store size. Scores are computed in SQLite from the
 * search index (never from profile documents); the result equals scoring every enabled profile
 * and sorting, except in the one case noted in step 3.
 *
 * 1. Each word has three prefix ranges in profile_search_terms (username, full-name word,
 *    email). Ranges of at most `fetchLimit` entries are read whole and aggregated into score
 *    bounds per profile; index probes settle the few whose bounds still matter (bestOfRanges).
 *    Hinted profiles (uids, and a label hint's holders when they are few) are scored by probes.
 * 2. A profile found in none of those can only match through large ranges, so it scores at most
 *    outsideBound(...) (+ the label boost if the label hint is large too). Enabled profiles are
 *    then passed in suggest order (profiles_by_recency), scored by probes, until `size` of them
 *    reach that bound: every profile not reached is older and scores no more, so it cannot enter
 *    the result. Large ranges are dense (more than fetchLimit entries), so this stops early.
 * 3. If `maxWalk` profiles do not suffice, each large range (and a large label hint) adds its
 *    `size` most recent entries, ranked by SQLite over the range. Exact for one-word names; for
 *    several words whose combined bound no recent profile reaches, the best of what was read.
 * 4. total counts distinct matches up to TRACK_TOTAL_HITS + 1, like track_total_hits.
 */
export function suggestProfiles(
  store: ProfilesStore,
  request: SuggestRequest,
  limits: SuggestLimits = DEFAULT_SUGGEST_LIMITS,
  clock: () => number = () => performance.now(),
): SuggestResponse {
  const started = clock();
  if (!store.hasAny()) return { took: 0, total: { value: 0, relation: 'eq' }, profiles: [] };
  if (request.size > MAX_RESULT_WINDOW) throw resultWindowTooLarge(request.size);

  const size = request.size;
  const words = nameWords(request.name).slice(0, MAX_NAME_WORDS);
  const large = words.map((word) => {
    const kinds = new Map<TermKind, number>();
    for (const [kind, weight] of PREFIX_SOURCES) {
      if (store.countTermRows(kind, word, limits.fetchLimit + 1) > limits.fetchLimit) kinds.set(kind, weight);
    }
    return kinds;
  });
  const hint = request.hint;
  const labelKey = hint?.labels ? Object.keys(hint.labels)[0] : undefined;
  let label: SuggestSpec['label'];
  let labelLarge = false;
  if (labelKey !== undefined) {
    const values = hint!.labels![labelKey];
    const labelLimit = limits.labelLimit ?? DEFAULT_SUGGEST_LIMITS.labelLimit!;
    labelLarge = store.countLabelRows(labelKey, values, labelLimit + 1) > labelLimit;
    label = labelLarge
      ? { path: labelKey, values }
      : { path: labelKey, values, ids: [...new Set(store.labelHits(labelKey, values, labelLimit).map((h) => h.id))] };
  }
  const uidHintIds = hint?.uids && hint.uids.length > 0 ? store.enabledByUid(hint.uids).map((p) => p.id) : [];
  const spec: SuggestSpec = {
    words,
    large: large.map((kinds) => new Set(kinds.keys())),
    uidHintIds,
    label,
    weights: SUGGEST_WEIGHTS,
  };

  const found = new Map<number, ScoredProfile>();
  const add = (hits: readonly ScoredProfile[]) => hits.forEach((h) => found.set(h.id, h));
  const largeRanges = words.flatMap((word, i) => [...large[i].keys()].map((kind) => ({ word, kind })));
  let rangeMatches = 0;
  // 1. Small ranges (also counted, for the total), then hinted profiles.
  if (words.length > 0 && (size > 0 || largeRanges.length === 0)) {
    const fromRanges = bestOfRanges(store, spec, size);
    add(fromRanges.hits);
    rangeMatches = fromRanges.candidates;
  }
  if (size > 0) {
    const explicit = new Set([...uidHintIds, ...(label?.ids ?? [])]);
    add(store.suggestFromIds(spec, [...explicit], size));

    // 2. Profiles only large ranges (or an empty name) can match. What was found already sets
    //    how far the walk must go: not at all if the bound cannot beat the size-th best found,
    //    only down to it if the bound can merely tie it.
    const bound = outsideBound(words, large) + (labelLarge ? SCORE_HINT : 0);
    const kth = found.size >= size ? [...found.values()].sort(compareScored)[size - 1] : undefined;
    if ((words.length === 0 || largeRanges.length > 0) && !(kth && bound < kth.score)) {
      const floor = kth && bound === kth.score ? kth : undefined;
      const walk = store.suggestByRecency(spec, bound, size, limits.maxWalk, floor);
      add(walk.hits);
      const reached = walk.hits.filter((h) => h.score >= bound).length;
      if (reached < size && !walk.exhausted) {
        // 3. Each large source's most recent entries, ranked in SQLite.
        const ids = new Set<number>();
        for (const { word, kind } of largeRanges) for (const hit of store.termHitsByPrefixByRecency(kind, word, size)) ids.add(hit.id);
        if (labelLarge) for (const hit of store.labelHitsByRecency(label!.path, label!.values, size)) ids.add(hit.id);
        add(store.suggestFromIds(spec, [...ids], size));
      }
    }
  }

  const top = [...found.values()].sort(compareScored).slice(0, size);
  const records = store.recordsById(top.map((c) => c.id));
  const profiles: SuggestHit[] = [];
  for (const { id } of top) {
    const record = records.get(id);
    if (!record) continue;
    profiles.push({
      uid: record.uid,
      user: profileUserView(record),
      labels: record.labels,
      data: filterApplicationData(record.applicationData, request.dataKeys),
    });
  }

  // 4. Total.
  const limit = TRACK_TOTAL_HITS + 1;
  let total: number;
  if (words.length === 0) {
    total = store.countEnabled(limit);
  } else {
    if (largeRanges.length === 0) {
      total = rangeMatches; // every match is in the ranges read whole
    } else if (largeRanges.some(({ word, kind }) => store.countByPrefix(kind, word, limit) >= limit)) {
      total = limit;
    } else {
      total = store.countByPrefixes(words.flatMap((word) => PREFIX_SOURCES.map(([kind]) => ({ kind, prefix: word }))), limit);
    }
  }
  return {
    took: Math.max(0, Math.round(clock() - started)),
    total: total > TRACK_TOTAL_HITS ? { value: TRACK_TOTAL_HITS, relation: 'gte' } : { value: total, relation: 'eq' },
    profiles,
  };
}
