/**
 * Whether a bench run met a throughput target, judged from the b/a ratio of each alternated
 * round. Each round is a pair measured back to back (a, then b), so a drift in the machine's
 * background load hits both sides of a pair alike; what still differs from pair to pair is the
 * run's noise. The 95% confidence interval of the mean pair ratio (Student's t) then tells a
 * target that was met from one that was missed, and both from one that sits within the noise,
 * where a single whole-run figure would call a coin toss either way.
 */

export type Verdict = 'met' | 'NOT met' | 'within noise';

export interface RatioVerdict {
  /** Mean of the round ratios. */
  mean: number;
  /** 95% confidence interval of that mean. */
  low: number;
  high: number;
  verdict: Verdict;
}

/** Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom; beyond, the normal's. */
const T_95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093,
  2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

function t95(degreesOfFreedom: number): number {
  return T_95[degreesOfFreedom - 1] ?? 1.96;
}

/** Undefined with fewer than two rounds: one pair says nothing about the noise. */
export function ratioVerdict(roundRatios: readonly number[], target: number): RatioVerdict | undefined {
  const n = roundRatios.length;
  if (n < 2 || !roundRatios.every(Number.isFinite)) return undefined;
  const mean = roundRatios.reduce((sum, r) => sum + r, 0) / n;
  const variance = roundRatios.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (n - 1);
  const halfWidth = t95(n - 1) * Math.sqrt(variance / n);
  const low = mean - halfWidth;
  const high = mean + halfWidth;
  const verdict: Verdict = low >= target ? 'met' : high < target ? 'NOT met' : 'within noise';
  return { mean, low, high, verdict };
}
