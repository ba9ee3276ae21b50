import { describe, expect, it } from '@jest/globals';
import {
  coverage,
  isSettled,
  MEDIAN_CONFIDENCE,
  orderStatisticRank,
  ratioSpread,
} from './spread.js';

describe('coverage of the order-statistic interval of the median', () => {
  it('is 1 − 2·P(Binomial(n, ½) ≤ k − 1)', () => {
    expect(coverage(5, 1)).toBeCloseTo(1 - 2 / 32, 12); // 93.75 %
    expect(coverage(8, 2)).toBeCloseTo(1 - (2 * (1 + 8)) / 256, 12);
    expect(coverage(15, 4)).toBeCloseTo(1 - (2 * (1 + 15 + 105 + 455)) / 32768, 12);
    expect(coverage(5, 3)).toBeCloseTo(0, 12); // the median alone
  });

  it('picks the narrowest interval that keeps the confidence, or the min–max', () => {
    expect(orderStatisticRank(3, MEDIAN_CONFIDENCE)).toBe(1); // 75 %: none reaches 90 %
    expect(orderStatisticRank(5, MEDIAN_CONFIDENCE)).toBe(1);
    expect(orderStatisticRank(7, MEDIAN_CONFIDENCE)).toBe(1); // k = 2 would be 87.5 %
    expect(orderStatisticRank(8, MEDIAN_CONFIDENCE)).toBe(2);
    expect(orderStatisticRank(11, MEDIAN_CONFIDENCE)).toBe(3);
    expect(orderStatisticRank(15, MEDIAN_CONFIDENCE)).toBe(4); // k = 5 would be 88 %
  });
});

describe('ratioSpread', () => {
  it('with 5 rounds, is the min–max relative to the median', () => {
    const spread = ratioSpread([0.8, 0.84, 0.78, 0.82, 0.8]);
    expect(spread).toMatchObject({ rounds: 5, median: 0.8, min: 0.78, max: 0.84 });
    expect([spread.low, spread.high]).toEqual([0.78, 0.84]);
    expect(spread.relativeSpread).toBeCloseTo(0.06 / 0.8, 12);
    expect(isSettled(spread, 0.1)).toBe(true);
    expect(isSettled(spread, 0.05)).toBe(false);
  });

  it('leaves the most extreme rounds out once there are enough of them', () => {
    // One disturbed round among nine: the range is wide, the interval of the median is not.
    const spread = ratioSpread([0.8, 0.81, 0.79, 0.8, 0.82, 0.8, 0.78, 0.8, 0.4]);
    expect(spread.min).toBe(0.4);
    expect([spread.low, spread.high]).toEqual([0.78, 0.81]);
    expect(isSettled(spread, 0.1)).toBe(true);
  });

  it('narrows as rounds are added, where the range cannot', () => {
    const noisy = [0.7, 0.9, 0.78, 0.82, 0.8, 0.75, 0.85];
    const more = [...noisy, 0.79, 0.81, 0.8, 0.8, 0.78, 0.82, 0.8];
    const few = ratioSpread(noisy);
    const many = ratioSpread(more);
    expect(many.max - many.min).toBeGreaterThanOrEqual(few.max - few.min);
    expect(many.relativeSpread).toBeLessThan(few.relativeSpread);
    expect(isSettled(few, 0.1)).toBe(false);
    expect(isSettled(many, 0.1)).toBe(true);
  });

  it('never calls too few rounds settled, however close they are', () => {
    const spread = ratioSpread([0.8, 0.8, 0.8]);
    expect(spread.relativeSpread).toBe(0);
    expect(spread.confidence).toBeCloseTo(0.75, 12);
    expect(isSettled(spread, 0.1)).toBe(false);
  });

  it('leaves out rounds without a ratio, and has no figure without any', () => {
    expect(ratioSpread([0.8, NaN, Infinity, 0.8, 0.8, 0.8, 0.8]).rounds).toBe(5);
    const none = ratioSpread([]);
    expect(none.rounds).toBe(0);
    expect(Number.isNaN(none.median)).toBe(true);
    expect(isSettled(none, 0.1)).toBe(false);
  });
});
