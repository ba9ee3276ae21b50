import type { RequestFactory } from './definitions.js';
import { hasErrors, isDisturbed, measure, type Measurement } from './load.js';
import { waitForQuiet } from './machine-load.js';
import { medianOfSorted } from './spread.js';

/** A server under one load, ready to be measured. */
export interface Contender {
  /** `<server>:<load>` (definitions.ts `contenderKey`). */
  readonly key: string;
  /** For progress lines: `GET  Fastify read`. */
  readonly label: string;
  readonly url: string;
  readonly pid?: number;
  readonly request: RequestFactory;
  /** The status of a correct answer when it is not a 2xx (LoadDefinition `successStatus`). */
  readonly successStatus?: number;
}

/** Contenders measured back to back in each round (the contenders of one scenario). */
export interface ContenderGroup {
  readonly scenario: string;
  readonly contenders: readonly Contender[];
}

export interface LoadSettings {
  /** Rounds every contender is measured (the minimum when rounds are added adaptively). */
  readonly rounds: number;
  /** Most rounds when rounds are added until the ratios settle. */
  readonly maxRounds: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  /**
   * Seconds of unmeasured load right before each measurement, after the quiet wait (0: none): a
   * server is measured in its steady state, not while it comes back from the idle time that the
   * other servers' measurements and the quiet wait give it.
   */
  readonly rewarmSeconds: number;
  readonly connections: number;
  /** Longest wait for a quiet machine before each measurement (0: do not wait). */
  readonly quietWaitSeconds: number;
  /** The bench database (its backends are the bench's own load). */
  readonly database?: string;
}

/** One measurement and the round it belongs to (1-based). */
export type RoundMeasurement = Measurement & { readonly round: number };

/** Every measurement of every contender, by contender key, in the order taken. */
export type RoundResults = Record<string, RoundMeasurement[]>;

/** The median of each figure over the rounds of one contender. */
export interface MedianFigures {
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Non-2xx responses plus socket errors, summed over all rounds. */
  readonly errors: number;
  /** Rounds that saw any error. */
  readonly flaggedRounds: number;
  /** Rounds during which other work took more than the limit of CPU. */
  readonly disturbedRounds: number;
  /** CPU time per request of the server process and of PostgreSQL, in microseconds. */
  readonly serverCpuUsPerReq: number;
  readonly postgresCpuUsPerReq: number;
}

/** Sends each contender its load for the warm-up time; the figures are discarded. */
export async function warmUp(
  groups: readonly ContenderGroup[],
  settings: LoadSettings,
  log: (line: string) => void,
): Promise<void> {
  for (const { contenders } of groups) {
    for (const contender of contenders) {
      const result = await measure(spec(contender, settings, settings.warmupSeconds));
      log(`  warm-up ${contender.label}: ${describe(result)}`);
    }
  }
}

/**
 * Which contenders need more rounds, given the results so far (an empty set: none). Called after
 * every round from `settings.rounds` on.
 */
export type NeedsMoreRounds = (results: RoundResults, round: number) => ReadonlySet<string>;

/**
 * Measures the groups round after round. Within a round, each group's contenders run back to
 * back, so that a drift of the machine (other load, autovacuum, table growth) hits them alike;
 * the order rotates from round to round, so that no contender is always the first after the quiet
 * wait or always follows the same other one. After `settings.rounds` rounds, `needsMore` (if
 * given) names the contenders of ratios that have not settled yet: further rounds, up to
 * `settings.maxRounds`, measure only those.
 */
export async function runRounds(
  groups: readonly ContenderGroup[],
  settings: LoadSettings,
  log: (line: string) => void,
  needsMore?: NeedsMoreRounds,
): Promise<RoundResults> {
  const results: RoundResults = {};
  const last = needsMore ? Math.max(settings.rounds, settings.maxRounds) : settings.rounds;
  for (let round = 1; round <= last; round++) {
    let wanted: ReadonlySet<string> | undefined;
    if (round > settings.rounds && needsMore) {
      wanted = needsMore(results, round - 1);
      if (wanted.size === 0) break;
      log(`  round ${round}: ${wanted.size} contender(s) of unsettled ratios again`);
    }
    const total = round <= settings.rounds ? String(settings.rounds) : `≤${last}`;
    for (const group of groups) {
      const contenders = rotate(group.contenders, round - 1).filter(
        (contender) => !wanted || wanted.has(contender.key),
      );
      for (const contender of contenders) {
        if (settings.quietWaitSeconds > 0) await waitForQuiet(settings.quietWaitSeconds);
        if (settings.rewarmSeconds > 0) {
          await measure(spec(contender, settings, settings.rewarmSeconds));
        }
        const result = await measure(spec(contender, settings, settings.durationSeconds));
        (results[contender.key] ??= []).push({ ...result, round });
        log(`  round ${round}/${total} ${contender.label}: ${describe(result)}`);
      }
    }
  }
  return results;
}

export function medianFigures(measurements: readonly Measurement[]): MedianFigures {
  return {
    reqPerSec: median(measurements.map((m) => m.reqPerSec)),
    p50Ms: median(measurements.map((m) => m.p50Ms)),
    p99Ms: median(measurements.map((m) => m.p99Ms)),
    errors: measurements.reduce((sum, m) => sum + m.non2xx + m.errors, 0),
    flaggedRounds: measurements.filter(hasErrors).length,
    disturbedRounds: measurements.filter(isDisturbed).length,
    serverCpuUsPerReq: median(measurements.map((m) => m.serverCpuUsPerReq ?? NaN)),
    postgresCpuUsPerReq: median(measurements.map((m) => m.postgresCpuUsPerReq ?? NaN)),
  };
}

/**
 * The ratio app req/s ÷ floor req/s of every round in which both were measured (they ran within
 * the same round, close in time).
 */
export function perRoundRatios(
  app: readonly RoundMeasurement[],
  floor: readonly RoundMeasurement[],
): { round: number; ratio: number }[] {
  const floorByRound = new Map(floor.map((m) => [m.round, m]));
  return app.flatMap((m) => {
    const other = floorByRound.get(m.round);
    return other ? [{ round: m.round, ratio: m.reqPerSec / other.reqPerSec }] : [];
  });
}

export function median(values: readonly number[]): number {
  return medianOfSorted([...values].sort((a, b) => a - b));
}

/** `list` starting at its `by`-th element (modulo its length). */
function rotate<T>(list: readonly T[], by: number): T[] {
  if (list.length === 0) return [];
  const start = by % list.length;
  return [...list.slice(start), ...list.slice(0, start)];
}

function spec(contender: Contender, settings: LoadSettings, seconds: number) {
  return {
    baseUrl: contender.url,
    request: contender.request(),
    connections: settings.connections,
    durationSeconds: seconds,
    database: settings.database,
    serverPid: contender.pid,
    successStatus: contender.successStatus,
  };
}

/** One progress line: throughput, latency and any errors. */
export function describe(m: Measurement): string {
  const errors = hasErrors(m)
    ? `  ERRORS: ${m.non2xx} non-2xx ${JSON.stringify(m.statusCodes)}, ${m.errors} socket errors (${m.timeouts} timeouts)`
    : '';
  const foreign =
    m.foreignCpuPct === undefined
      ? ''
      : `  other load ${m.foreignCpuPct.toFixed(0)}%${isDisturbed(m) ? ' (DISTURBED)' : ''}`;
  const cpu =
    m.serverCpuUsPerReq === undefined
      ? ''
      : `  CPU/req ${m.serverCpuUsPerReq.toFixed(0)} µs (${((m.serverSystemShare ?? 0) * 100).toFixed(0)}% sys)` +
        ` + PG ${m.postgresCpuUsPerReq?.toFixed(0)} µs`;
  return (
    `${m.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${m.p50Ms.toFixed(2)} ms  ` +
    `p99 ${m.p99Ms.toFixed(2)} ms${cpu}${foreign}${errors}`
  );
}
