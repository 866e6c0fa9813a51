import {
  flattenLabels,
  foldCase,
  fullNameWords,
  TERM_EMAIL,
  TERM_FULL_NAME,
  TERM_USERNAME,
  type ProfilesStore,
  type ProfileSearchRow,
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
/**
 * A term range (or label) with more matching profiles than this is not fetched: its best
 * members are found by walking enabled profiles in suggest order instead (see suggestProfiles).
 */
export const DENSE_SOURCE_LIMIT = 1_000;
/** Upper bound on the profiles read by that walk, whatever the query. */
export const MAX_WALK = 20_000;

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

/** The words of a suggest name: lower-cased, split on whitespace, de-duplicated. */
export function nameWords(name: string): string[] {
  return [...new Set(foldCase(name).split(/\s+/).filter((w) => w !== ''))];
}

interface LabelHint {
  path: string;
  values: ReadonlySet<string>;
}

/** Scores one profile against the request; undefined when it does not match the name. */
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

interface Candidate {
  row: ProfileSearchRow;
  score: number;
}

/** Suggest's order: score desc, last_synchronized desc, then creation order. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return b.score - a.score || b.row.lastSynchronized - a.row.lastSynchronized || a.row.id - b.row.id;
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
 * Runs a suggest with bounded work on any store size.
 *
 * 1. Sources: for each name word, the exact-username profiles and the username / full-name /
 *    email prefix ranges of profile_search_terms; the uid hint; the label hint. A source with
 *    at most DENSE_SOURCE_LIMIT profiles is fetched and every member scored exactly.
 * 2. Dense sources are not fetched. A profile outside every fetched source can score at most
 *    UB = sum over words of the best dense weight of that word (+ the label boost if the label
 *    source is dense). Enabled profiles are then walked in suggest order (profiles_by_recency)
 *    and scored until `size` of them score >= UB: every profile not yet seen is older and scores
 *    <= UB, so it cannot enter the top `size`. The result equals a full scan's. The walk is
 *    capped at MAX_WALK rows; beyond it (a multi-word query whose bound no profile reaches)
 *    the result is the best found so far.
 * 3. total counts the distinct matching profiles up to TRACK_TOTAL_HITS + 1, like track_total_hits.
 */
export function suggestProfiles(
  store: ProfilesStore,
  request: SuggestRequest,
  clock: () => number = () => performance.now(),
): SuggestResponse {
  const started = clock();
  if (!store.hasAny()) return { took: 0, total: { value: 0, relation: 'eq' }, profiles: [] };
  if (request.size > MAX_RESULT_WINDOW) throw resultWindowTooLarge(request.size);

  const words = nameWords(request.name);
  const scorer = new SuggestScorer(words, request.hint);
  const pool = new Set<number>();
  let bound = 0;
  let nameDense = words.length === 0;

  for (const word of words) {
    for (const id of store.idsByTerm(TERM_USERNAME, word, DENSE_SOURCE_LIMIT)) pool.add(id);
    let wordBound = 0;
    for (const [kind, weight] of PREFIX_SOURCES) {
      const ids = store.idsByTermPrefix(kind, word, DENSE_SOURCE_LIMIT + 1);
      if (ids.length > DENSE_SOURCE_LIMIT) {
        nameDense = true;
        wordBound = Math.max(wordBound, weight);
      } else {
        for (const id of ids) pool.add(id);
      }
    }
    bound += wordBound;
  }

  const hint = request.hint;
  if (hint?.uids && hint.uids.length > 0) for (const id of store.enabledIdsByUid(hint.uids)) pool.add(id);
  const labelKey = hint?.labels ? Object.keys(hint.labels)[0] : undefined;
  if (nameDense && labelKey !== undefined) {
    // Only needed when a walk follows: otherwise the name sources already hold every match.
    const ids = store.idsByLabel(labelKey, hint!.labels![labelKey], DENSE_SOURCE_LIMIT + 1);
    if (ids.length > DENSE_SOURCE_LIMIT) bound += SCORE_HINT;
    else for (const id of ids) pool.add(id);
  }

  const candidates = new Map<number, Candidate>();
  for (const row of store.searchRows([...pool])) {
    const score = scorer.score(row);
    if (score !== undefined) candidates.set(row.id, { row, score });
  }

  if (nameDense && request.size > 0) {
    let atBound = 0;
    let walked = 0;
    for (const row of store.enabledByRecency()) {
      walked++;
      let candidate = candidates.get(row.id);
      if (!candidate) {
        const score = scorer.score(row);
        if (score !== undefined) {
          candidate = { row, score };
          candidates.set(row.id, candidate);
        }
      }
      if (candidate && candidate.score >= bound) atBound++;
      if (atBound >= request.size || walked >= MAX_WALK) break;
    }
  }

  const top = [...candidates.values()].sort(compareCandidates).slice(0, request.size);
  const profiles: SuggestHit[] = [];
  for (const { row } of top) {
    const record = store.get(row.uid);
    if (!record) continue;
    profiles.push({
      uid: record.uid,
      user: profileUserView(record),
      labels: record.labels,
      data: filterApplicationData(record.applicationData, request.dataKeys),
    });
  }

  const total = countMatches(store, words, nameDense, candidates.size);
  return {
    took: Math.max(0, Math.round(clock() - started)),
    total: total > TRACK_TOTAL_HITS ? { value: TRACK_TOTAL_HITS, relation: 'gte' } : { value: total, relation: 'eq' },
    profiles,
  };
}

/** Distinct matching profiles, counted no further than TRACK_TOTAL_HITS + 1. */
function countMatches(store: ProfilesStore, words: readonly string[], nameDense: boolean, fetchedMatches: number): number {
  const limit = TRACK_TOTAL_HITS + 1;
  if (words.length === 0) return store.countEnabled(limit);
  // Without a dense source, every match was fetched and scored.
  if (!nameDense) return fetchedMatches;
  const seen = new Set<number>();
  for (const word of words) {
    for (const [kind] of PREFIX_SOURCES) {
      for (const id of store.idsByTermPrefix(kind, word, limit)) {
        seen.add(id);
        if (seen.size >= limit) return seen.size;
      }
    }
  }
  return seen.size;
}
