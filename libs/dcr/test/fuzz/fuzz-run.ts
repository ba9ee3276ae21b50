import http from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import type { INestApplication, LoggerService } from '@nestjs/common';
import fc from 'fast-check';
import type { FuzzRequest, RequestKind } from './arbitraries.js';
import type { Outcome } from './response-checks.js';

/** Generated requests per property when `FUZZ_RUNS` is not set: a CI run of under a minute. */
export const DEFAULT_FUZZ_RUNS = 1000;

export interface FuzzSettings {
  /** `FUZZ_RUNS`: requests per property. */
  readonly numRuns: number;
  /** `FUZZ_SEED`: replays a run (fast-check prints the seed of a failed run). */
  readonly seed: number | undefined;
  /** `FUZZ_PATH`: with the seed, replays straight to the counterexample fast-check printed. */
  readonly path: string | undefined;
  /**
   * `FUZZ_KEEP_GOING=1`: record every failing request instead of stopping (and shrinking) at the
   * first, and fail at the end with one example per kind of failure. For surveying a library
   * with several bugs at once; the default stops at the first failure and shrinks it.
   */
  readonly keepGoing: boolean;
  /** A request without a complete response after this long fails the property. */
  readonly requestTimeoutMs: number;
}

export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
  const numRuns = Number(env.FUZZ_RUNS ?? DEFAULT_FUZZ_RUNS);
  if (!Number.isSafeInteger(numRuns) || numRuns < 1) {
    throw new Error(`FUZZ_RUNS must be a positive integer, not ${env.FUZZ_RUNS}`);
  }
  const seed = env.FUZZ_SEED === undefined ? undefined : Number(env.FUZZ_SEED);
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    throw new Error(`FUZZ_SEED must be an integer, not ${env.FUZZ_SEED}`);
  }
  return {
    numRuns,
    seed,
    path: env.FUZZ_PATH,
    keepGoing: env.FUZZ_KEEP_GOING === '1',
    requestTimeoutMs: 5000,
  };
}

/** A Jest timeout for a property of `numRuns` requests, generous for a slow machine. */
export function testTimeout(settings: FuzzSettings): number {
  return 120_000 + settings.numRuns * 100;
}

/**
 * Runs `check` on every generated request: a fast-check property that fails at the first error
 * (and shrinks it to a minimal request), or, with `keepGoing`, collects errors and fails at the end.
 * `examples` are run first: the minimal counterexamples of known bugs, kept until they are fixed.
 */
export async function runFuzz(
  settings: FuzzSettings,
  requests: fc.Arbitrary<FuzzRequest>,
  check: (request: FuzzRequest) => Promise<void>,
  examples: readonly FuzzRequest[] = [],
): Promise<void> {
  const failures = new Map<string, { count: number; example: FuzzRequest; message: string }>();
  const property = fc.asyncProperty(requests, async (request) => {
    if (!settings.keepGoing) return check(request);
    try {
      await check(request);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const key = signatureOf(message);
      const seen = failures.get(key);
      if (!seen || sizeOf(request) < sizeOf(seen.example)) {
        failures.set(key, { count: (seen?.count ?? 0) + 1, example: request, message });
      } else {
        seen.count += 1;
      }
    }
  });
  await fc.assert(property, {
    numRuns: settings.numRuns,
    seed: settings.seed,
    path: settings.path,
    examples: examples.map((request) => [request] as [FuzzRequest]),
  });
  if (failures.size > 0) {
    const report = [...failures.values()].map(
      ({ count, example, message }) =>
        `${count} × ${message}\n  smallest request: ${fc.stringify(example).slice(0, 2000)}`,
    );
    throw new Error(`${failures.size} kinds of failure:\n\n${report.join('\n\n')}`);
  }
}

/** The status and the problems of a failure, without the response body that varies. */
function signatureOf(message: string): string {
  const [first = '', ...problems] = message.split('\n');
  return [first.replace(/^(answered \d+ \{"error":"[^"]*").*$/, '$1'), ...problems].join('\n');
}

function sizeOf(request: FuzzRequest): number {
  return typeof request.body === 'string' ? request.body.length : request.body.byteLength;
}

/** Counts of a run: requests, successes, and failures by status and error code, per kind. */
export class FuzzTally {
  private readonly started = performance.now();
  private readonly errors = new Map<string, number>();
  private readonly kinds = new Map<RequestKind, { runs: number; successes: number }>();
  runs = 0;
  successes = 0;

  constructor(private readonly title: string) {}

  record(kind: RequestKind, outcome: Outcome): void {
    this.runs += 1;
    const perKind = this.kinds.get(kind) ?? { runs: 0, successes: 0 };
    perKind.runs += 1;
    if (outcome.success) {
      this.successes += 1;
      perKind.successes += 1;
    } else {
      const key = `${outcome.status} ${outcome.error}`;
      this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
    }
    this.kinds.set(kind, perKind);
  }

  summary(): string {
    const seconds = (performance.now() - this.started) / 1000;
    const lines = [
      `${this.title}: ${this.runs} requests in ${seconds.toFixed(1)} s, ${this.successes} successes`,
      ...[...this.errors].sort(([, a], [, b]) => b - a).map(([key, n]) => `  ${key}: ${n}`),
      `  by kind: ${[...this.kinds].map(([kind, { runs, successes }]) => `${kind} ${successes}/${runs}`).join(', ')}`,
    ];
    return lines.join('\n');
  }
}

/**
 * Remembers the own properties of `Object.prototype`, in the test's realm (where Jest loads the
 * app's modules) and in Node's main realm (where core modules such as `http` create objects), and
 * throws when either changed: a request must never reach a prototype.
 */
export function guardPrototypes(): { check(): void } {
  const prototypes = [Object.prototype, rootPrototypeOf(http.Agent.prototype)];
  const snapshot = () =>
    prototypes.map((proto) =>
      Reflect.ownKeys(proto).map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)]),
    );
  const before = snapshot();
  return {
    check() {
      if (!isDeepStrictEqual(snapshot(), before)) {
        throw new Error(
          `Object.prototype was changed: ${Reflect.ownKeys(Object.prototype).map(String).join(', ')}`,
        );
      }
    },
  };
}

function rootPrototypeOf(value: object): object {
  let current = value;
  for (let next = Object.getPrototypeOf(current); next; next = Object.getPrototypeOf(current)) {
    current = next as object;
  }
  return current;
}

/**
 * Collects what the app logs as errors (the exception filter logs the cause of every 500), so
 * that a failure names the cause of a 5xx next to the request that produced it.
 */
export function captureServerErrors(app: INestApplication): { take(): string[] } {
  let lines: string[] = [];
  const keep = (message: unknown) => {
    lines.push(String(message).split('\n').slice(0, 3).join(' | '));
  };
  const logger: LoggerService = { log() {}, warn() {}, error: keep, fatal: keep };
  app.useLogger(logger);
  return {
    take() {
      const taken = lines;
      lines = [];
      return taken;
    },
  };
}
