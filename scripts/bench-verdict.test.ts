import { describe, expect, it } from 'vitest';
import { ratioVerdict } from './bench-verdict';

describe('ratioVerdict', () => {
  it('calls a target met only when the whole 95% interval clears it', () => {
    const v = ratioVerdict([0.95, 0.96, 0.94, 0.95, 0.96], 0.9);
    expect(v?.verdict).toBe('met');
    expect(v?.mean).toBeCloseTo(0.952, 3);
    expect(v!.low).toBeGreaterThan(0.9);
  });

  it('calls it missed when the whole interval falls short', () => {
    expect(ratioVerdict([0.85, 0.86, 0.84, 0.85], 0.9)?.verdict).toBe('NOT met');
  });

  it('says "within noise" when the interval straddles the target, even if the mean clears it', () => {
    // A run like the ones measured on two cores: mean 0.905, rounds from 0.85 to 0.99.
    const v = ratioVerdict([0.852, 0.991, 0.898, 0.87, 0.93, 0.905, 0.88, 0.91, 0.89, 0.924], 0.9);
    expect(v?.mean).toBeGreaterThan(0.9);
    expect(v?.verdict).toBe('within noise');
    expect(v!.low).toBeLessThan(0.9);
    expect(v!.high).toBeGreaterThan(0.9);
  });

  it('uses Student t for small samples: two rounds give a wide interval', () => {
    // mean 0.95, sample sd 0.0141, t(1) = 12.706: half-width 0.127.
    const v = ratioVerdict([0.94, 0.96], 0.9)!;
    expect(v.high - v.low).toBeCloseTo(2 * 12.706 * 0.01, 3);
    expect(v.verdict).toBe('within noise');
  });

  it('gives no verdict without at least two finite rounds', () => {
    expect(ratioVerdict([], 0.9)).toBeUndefined();
    expect(ratioVerdict([0.95], 0.9)).toBeUndefined();
    expect(ratioVerdict([0.95, Number.NaN], 0.9)).toBeUndefined();
  });
});
