import { hasErrors, isDisturbed, measure, type Measurement, type Scenario } from './load.js';
import { waitForQuiet } from './machine-load.js';
import type { ClientCredentials } from './register-clients.js';

/** A server measured by the rounds, with the registrations its GET reads. */
export interface Contender {
  readonly name: 'app' | 'floor';
  readonly url: string;
  readonly pid?: number;
  readonly clients: readonly ClientCredentials[];
}

export interface LoadSettings {
  readonly rounds: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  /** Longest wait for a quiet machine before each measurement (0: do not wait). */
  readonly quietWaitSeconds: number;
  /** The bench database (its backends are the bench's own load). */
  readonly database?: string;
}

/** Every measurement of every round: `[scenario][contender][round]`. */
export type RoundResults = Record<Scenario, Record<string, Measurement[]>>;

/** The median of each figure over the rounds of one contender and scenario. */
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

/** Sends each contender each scenario for the warm-up time; the figures are discarded. */
export async function warmUp(
  contenders: readonly Contender[],
  scenarios: readonly Scenario[],
  settings: LoadSettings,
  log: (line: string) => void,
): Promise<void> {
  for (const scenario of scenarios) {
    for (const contender of contenders) {
      const result = await measure(spec(contender, scenario, settings, settings.warmupSeconds));
      log(`  warm-up ${label(scenario, contender)}: ${describe(result)}`);
    }
  }
}

/**
 * Measures the contenders in turn (app, floor, app, floor, ...) for each scenario of each round,
 * so that a drift of the machine (other load, PostgreSQL autovacuum, table growth) affects both.
 */
export async function runRounds(
  contenders: readonly Contender[],
  scenarios: readonly Scenario[],
  settings: LoadSettings,
  log: (line: string) => void,
): Promise<RoundResults> {
  const results: RoundResults = { post: {}, get: {} };
  for (let round = 1; round <= settings.rounds; round++) {
    for (const scenario of scenarios) {
      for (const contender of contenders) {
        if (settings.quietWaitSeconds > 0) await waitForQuiet(settings.quietWaitSeconds);
        const result = await measure(spec(contender, scenario, settings, settings.durationSeconds));
        (results[scenario][contender.name] ??= []).push(result);
        log(
          `  round ${round}/${settings.rounds} ${label(scenario, contender)}: ${describe(result)}`,
        );
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

/** Median of the per-round ratios app/floor: each pair ran back to back. */
export function medianRatio(app: readonly Measurement[], floor: readonly Measurement[]): number {
  return median(app.map((m, i) => m.reqPerSec / (floor[i]?.reqPerSec ?? NaN)));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function spec(contender: Contender, scenario: Scenario, settings: LoadSettings, seconds: number) {
  return {
    baseUrl: contender.url,
    scenario,
    connections: settings.connections,
    durationSeconds: seconds,
    clients: contender.clients,
    database: settings.database,
    serverPid: contender.pid,
  };
}

function label(scenario: Scenario, contender: Contender): string {
  return `${scenario.toUpperCase().padEnd(4)} ${contender.name.padEnd(5)}`;
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
