/**
 * Deletion of clients nobody uses: registrations that were never used (agents that register on
 * every connect leave them by the thousand) and clients idle for long. Both rules are off unless
 * set. "Used" means authenticated through `ClientAuthenticationService`: a host whose token
 * endpoint does not use it must leave the reaper off, or report use through `DCR_CLIENT_IN_USE`.
 */
export interface ClientReaperOptions {
  /**
   * Deletes clients that never authenticated, this many hours after their registration. Unset or
   * 0: off.
   */
  unusedAfterHours?: number;
  /**
   * Deletes clients that have not authenticated for this many days (counted from the registration
   * for a client that never did). Unset or 0: off.
   */
  idleAfterDays?: number;
  /** Seconds between two passes of the reaper. Default 3600. */
  intervalSeconds?: number;
  /** Clients examined and deleted per statement. Default 500. */
  batchSize?: number;
}

/** The reaper's options, checked, with defaults applied. */
export interface ResolvedClientReaperOptions {
  /** Whether either rule is on: the reaper runs on its interval only then. */
  readonly enabled: boolean;
  readonly unusedAfterHours: number | undefined;
  readonly idleAfterDays: number | undefined;
  readonly intervalSeconds: number;
  readonly batchSize: number;
}

export const DEFAULT_REAP_INTERVAL_SECONDS = 3600;
export const DEFAULT_REAP_BATCH_SIZE = 500;

// Ten years: beyond it a rule is a typo, and make_interval() stays far from its limits.
const MAX_HOURS = 87_600;
const MAX_DAYS = 3650;

/**
 * Checks the reaper's options. Throws `problem(option, message)`'s error for the first bad one (the
 * caller names the module option).
 */
export function resolveClientReaperOptions(
  options: ClientReaperOptions = {},
  problem: (option: string, message: string) => Error,
): ResolvedClientReaperOptions {
  const whole = (name: keyof ClientReaperOptions, min: number, max: number, fallback: number) => {
    const value = options[name] ?? fallback;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw problem(`clientReaper.${name}`, `must be a whole number from ${min} to ${max}`);
    }
    return value;
  };
  const unusedAfterHours = whole('unusedAfterHours', 0, MAX_HOURS, 0) || undefined;
  const idleAfterDays = whole('idleAfterDays', 0, MAX_DAYS, 0) || undefined;
  return {
    enabled: unusedAfterHours !== undefined || idleAfterDays !== undefined,
    unusedAfterHours,
    idleAfterDays,
    intervalSeconds: whole('intervalSeconds', 1, 86_400, DEFAULT_REAP_INTERVAL_SECONDS),
    batchSize: whole('batchSize', 1, 10_000, DEFAULT_REAP_BATCH_SIZE),
  };
}
