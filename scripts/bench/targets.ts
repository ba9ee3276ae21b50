import type { Scenario } from './load.js';

/** The performance targets of the identity app, checked by every run. */
export const TARGETS = {
  /** Minimum app req/s as a fraction of the floor's, measured in the same run. */
  minRatio: { post: 0.6, get: 0.7 } satisfies Record<Scenario, number>,
  /** Maximum p99 latency at 16 connections, in milliseconds. */
  maxP99Ms: 30,
  /** Maximum p99 with 1M clients over the p99 with (almost) none (`--big`). */
  maxBigP99Factor: 1.3,
  /** Minimum POST registrations/s on the embedded PostgreSQL (`--embedded`). */
  minEmbeddedPostPerSec: 500,
} as const;

/** Whether a figure meets its target, and why not when it does not. */
export interface Verdict {
  readonly pass: boolean;
  readonly reasons: string[];
}

/** Collects failed checks: each `check` adds its reason when `ok` is false. */
export function verdict(checks: readonly (readonly [ok: boolean, reason: string])[]): Verdict {
  const reasons = checks.filter(([ok]) => !ok).map(([, reason]) => reason);
  return { pass: reasons.length === 0, reasons };
}
