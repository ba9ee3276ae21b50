/**
 * How precise a ratio is: the distribution-free confidence interval of the median of the per-round
 * ratios (order statistics; no assumption about the shape of the noise), relative to the median.
 *
 * Why this and not the range or the IQR: the range (max − min) of n rounds can only grow as rounds
 * are added, and the IQR settles at the noise of a single round; neither says how far another run
 * of the bench would land, and adding rounds brings neither down. The interval of the median
 * answers that question and narrows as rounds are added (roughly as 1/√n), so "add rounds until
 * the spread is under 10 %" terminates when the noise allows it. With 5 to 7 rounds the interval
 * is the min–max of the per-round ratios (coverage 94–98 %); from 8 rounds on, the most extreme
 * rounds fall outside it, so one disturbed round no longer decides the figure.
 */

/** The confidence level the interval aims at. */
export const MEDIAN_CONFIDENCE = 0.9;

/** A ratio's per-round values, summarised. */
export interface RatioSpread {
  /** Number of rounds (per-round ratios with a finite value). */
  readonly rounds: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Bounds of the confidence interval of the median. */
  readonly low: number;
  readonly high: number;
  /**
   * The interval's exact coverage: at least {@link MEDIAN_CONFIDENCE} once there are enough
   * rounds (5), otherwise that of the min–max (2 rounds: 50 %, 3: 75 %, 4: 87.5 %).
   */
  readonly confidence: number;
  /** (high − low) ÷ median: the figure checked against the spread limit. */
  readonly relativeSpread: number;
}

/** Summarises per-round ratios (non-finite values, from a round with no answer, are left out). */
export function ratioSpread(
  values: readonly number[],
  confidence = MEDIAN_CONFIDENCE,
): RatioSpread {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) {
    return {
      rounds: 0,
      median: NaN,
      min: NaN,
      max: NaN,
      low: NaN,
      high: NaN,
      confidence: 0,
      relativeSpread: NaN,
    };
  }
  const k = orderStatisticRank(n, confidence);
  const low = sorted[k - 1];
  const high = sorted[n - k];
  const median = medianOfSorted(sorted);
  return {
    rounds: n,
    median,
    min: sorted[0],
    max: sorted[n - 1],
    low,
    high,
    confidence: coverage(n, k),
    relativeSpread: (high - low) / median,
  };
}

/**
 * Whether a ratio is precise enough to be used: enough rounds for the interval to reach its
 * confidence, and an interval narrower than `maxRelativeSpread` of the median.
 */
export function isSettled(spread: RatioSpread, maxRelativeSpread: number): boolean {
  return spread.confidence >= MEDIAN_CONFIDENCE && spread.relativeSpread < maxRelativeSpread;
}

/**
 * The largest k such that [x(k), x(n+1−k)] covers the median with at least `confidence` (the
 * number of values below the median is Binomial(n, ½)); 1 (the min–max) when none does.
 */
export function orderStatisticRank(n: number, confidence: number): number {
  let k = 1;
  while (k + 1 <= (n + 1) / 2 && coverage(n, k + 1) >= confidence) k++;
  return k;
}

/** P(x(k) ≤ median ≤ x(n+1−k)) = 1 − 2·P(Binomial(n, ½) ≤ k − 1). */
export function coverage(n: number, k: number): number {
  let tail = 0;
  let choose = 1; // C(n, 0)
  for (let i = 0; i < k; i++) {
    tail += choose;
    choose = (choose * (n - i)) / (i + 1);
  }
  return 1 - (2 * tail) / 2 ** n;
}

/** The median of values sorted in ascending order. */
export function medianOfSorted(sorted: readonly number[]): number {
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
