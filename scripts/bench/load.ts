import autocannon from 'autocannon';
import { cpuBreakdown, cpuSnapshot, FOREIGN_LOAD_LIMIT_PCT } from './machine-load.js';

/** One autocannon run against one server. */
export interface LoadSpec {
  readonly baseUrl: string;
  /** The request sent over and over (a load's request factory makes a fresh one per run). */
  readonly request: autocannon.Request;
  readonly connections: number;
  readonly durationSeconds: number;
  /** The bench database, whose PostgreSQL backends count as the bench's own load. */
  readonly database?: string;
  /** The server's process id, to measure its CPU time per request. */
  readonly serverPid?: number;
  /** The status of a correct answer when it is not a 2xx (a redirect). */
  readonly successStatus?: number;
}

/** The figures of one autocannon run. Latencies are of correct answers (2xx, or the load's `successStatus`), in milliseconds. */
export interface Measurement {
  readonly durationSeconds: number;
  /** Correct answers per second. */
  readonly reqPerSec: number;
  readonly ok: number;
  readonly non2xx: number;
  /** Socket errors and timeouts. */
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Record<string, number>;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
  /** CPU used by other work on the machine meanwhile, in % of all CPUs (Linux only). */
  readonly foreignCpuPct: number | undefined;
  /**
   * CPU time (user + system) of the server process per correct answer, in microseconds: the cost of
   * a request, much less sensitive to other load than req/s. 10 ms clock-tick resolution.
   */
  readonly serverCpuUsPerReq: number | undefined;
  /** The share (0–1) of the server's CPU time spent in the kernel. */
  readonly serverSystemShare: number | undefined;
  /** The same for PostgreSQL (all its bench-database backends and shared processes). */
  readonly postgresCpuUsPerReq: number | undefined;
}

/**
 * Runs autocannon against one server. Latencies are recorded from each response (sub-millisecond;
 * autocannon's own histogram has 1 ms resolution), counting only 2xx responses.
 */
export async function measure(spec: LoadSpec): Promise<Measurement> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const succeeded = (status: number) =>
    spec.successStatus === undefined
      ? status >= 200 && status < 300
      : status === spec.successStatus;
  const before = cpuSnapshot();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.baseUrl,
        connections: spec.connections,
        duration: spec.durationSeconds,
        timeout: 10,
        requests: [spec.request],
      },
      (error: unknown, result) => (error ? reject(toError(error)) : resolve(result)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (succeeded(statusCode)) latencies.push(responseTime);
    });
  });
  const after = cpuSnapshot();
  const cpu =
    before && after ? cpuBreakdown(before, after, spec.database ?? '', spec.serverPid) : undefined;
  latencies.sort((a, b) => a - b);
  const ok = latencies.length;
  return {
    durationSeconds: result.duration,
    reqPerSec: ok / result.duration,
    ok,
    // Answers other than the correct one (autocannon's own count is of non-2xx answers).
    non2xx: Object.entries(statusCodes)
      .filter(([status]) => !succeeded(Number(status)))
      .reduce((sum, [, count]) => sum + count, 0),
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    p50Ms: percentile(latencies, 0.5),
    p90Ms: percentile(latencies, 0.9),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? NaN,
    meanMs: ok ? latencies.reduce((sum, value) => sum + value, 0) / ok : NaN,
    foreignCpuPct: cpu?.foreignPct,
    serverCpuUsPerReq:
      cpu?.serverMs === undefined || ok === 0 ? undefined : (1000 * cpu.serverMs) / ok,
    serverSystemShare:
      cpu?.serverMs && cpu.serverSystemMs !== undefined
        ? cpu.serverSystemMs / cpu.serverMs
        : undefined,
    postgresCpuUsPerReq: cpu === undefined || ok === 0 ? undefined : (1000 * cpu.postgresMs) / ok,
  };
}

/** Whether other work on the machine took enough CPU to distort the measurement. */
export function isDisturbed(measurement: Measurement): boolean {
  return (measurement.foreignCpuPct ?? 0) > FOREIGN_LOAD_LIMIT_PCT;
}

/** Whether a measurement saw any non-2xx response or socket error. */
export function hasErrors(measurement: Measurement): boolean {
  return measurement.non2xx > 0 || measurement.errors > 0;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
