import type { RowTarget } from './definitions.js';

/** The performance targets, checked by every run (the rows of registry.ts refer to them). */
export const TARGETS = {
  /** POST /register vs the floor's (issue 8): ≥ 0.8× its req/s, p99 ≤ 30 ms at 16 connections. */
  registration: { minRatio: 0.8, maxP99Ms: 30 } satisfies RowTarget,
  /**
   * GET of a registration vs the floor WITHOUT authentication (issue 8): ≥ 0.75× its req/s, p99
   * ≤ 30 ms. The app checks the registration access token; the floor does not: authentication
   * is part of what the app must make cheap.
   */
  read: { minRatio: 0.75, maxP99Ms: 30 } satisfies RowTarget,
  /**
   * POST /register in a typical protected configuration (issue 9: protected mode, 2 rules, rate
   * limits on) vs the floor's unauthenticated POST: ≥ 0.7× its req/s.
   */
  policyRegistration: { minRatio: 0.7, maxP99Ms: 30 } satisfies RowTarget,
  /**
   * POST /token, client_credentials with client_secret_basic, vs the floor's one SELECT and one
   * JWT signature (issue 10): ≥ 0.5× its req/s, p99 ≤ 50 ms at 16 connections.
   */
  token: { minRatio: 0.5, maxP99Ms: 50 } satisfies RowTarget,
  /**
   * An authorization request of a Client ID Metadata Document client whose document is cached vs
   * the same request of a registered client, on the same server (issue 11: "as fast as a
   * registered one"): ≥ 0.9× its req/s, p99 ≤ 50 ms.
   */
  cimdAuthorization: { minRatio: 0.9, maxP99Ms: 50 } satisfies RowTarget,
  /**
   * Largest relative spread of a ratio (width of its confidence interval ÷ median, spread.ts):
   * rounds are added until every ratio is under it; a ratio still over it is flagged unsettled.
   */
  maxRatioSpread: 0.1,
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
