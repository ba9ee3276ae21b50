import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Comparison } from './comparison.js';
import type { Measurement } from './load.js';
import { RESULTS_DIR, WORKSPACE_ROOT } from './paths.js';
import { medianFigures, type MedianFigures } from './rounds.js';
import { TARGETS, verdict, type Verdict } from './targets.js';

/** The scenarios `--big` measures again on the identity app. */
export type BigScenario = 'post' | 'get';

/** The app with 1M clients vs the app on the (nearly) empty table, for one scenario. */
export interface BigComparison {
  readonly empty: MedianFigures;
  readonly big: MedianFigures;
  /** big p99 ÷ empty p99. */
  readonly p99Factor: number;
  readonly verdict: Verdict;
  readonly rounds: Measurement[];
}

export interface EmbeddedResult {
  readonly post: MedianFigures;
  readonly verdict: Verdict;
  readonly rounds: Measurement[];
}

/** Everything a run measured, as written to `bench-results/<timestamp>.json`. */
export interface BenchReport {
  readonly startedAt: string;
  readonly mode: string;
  readonly machine: { cpus: number; cpuModel: string; node: string; postgres?: string };
  /** The commit measured, and how many files of the app and library differed from it. */
  readonly source: { commit: string; changedFiles: number };
  readonly settings: Record<string, unknown>;
  comparison?: Comparison;
  big?: { rows: number; sample: number } & Partial<Record<BigScenario, BigComparison>>;
  embedded?: EmbeddedResult;
  profile?: unknown;
}

export function machine(postgres?: string): BenchReport['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '?',
    node: process.version,
    postgres,
  };
}

/** The checked-out commit and the number of uncommitted changes under libs/ and apps/. */
export function source(): BenchReport['source'] {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  try {
    const changed = git('status', '--porcelain', '--', 'libs', 'apps');
    return {
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      changedFiles: changed.split('\n').filter(Boolean).length,
    };
  } catch {
    return { commit: 'unknown', changedFiles: -1 };
  }
}

export function compareBig(empty: MedianFigures, rounds: Measurement[]): BigComparison {
  const big = medianFigures(rounds);
  const p99Factor = big.p99Ms / empty.p99Ms;
  return {
    empty,
    big,
    p99Factor,
    verdict: verdict([
      [
        p99Factor <= TARGETS.maxBigP99Factor,
        `p99 ×${p99Factor.toFixed(2)} > ×${TARGETS.maxBigP99Factor}`,
      ],
      // The absolute p99 target is checked on the default phase; here only the growth counts.
      [big.errors === 0, `${big.errors} errors`],
    ]),
    rounds,
  };
}

export function embeddedResult(rounds: Measurement[]): EmbeddedResult {
  const post = medianFigures(rounds);
  return {
    post,
    verdict: verdict([
      [
        post.reqPerSec >= TARGETS.minEmbeddedPostPerSec,
        `${post.reqPerSec.toFixed(0)} registrations/s < ${TARGETS.minEmbeddedPostPerSec}`,
      ],
      [post.errors === 0, `${post.errors} errors`],
    ]),
    rounds,
  };
}

/** The verdicts of a report, to decide the exit code. */
export function verdicts(report: BenchReport): Verdict[] {
  return [
    ...(report.comparison?.rows ?? []).flatMap((row) => (row.verdict ? [row.verdict] : [])),
    ...(['post', 'get'] as const).flatMap((s) => (report.big?.[s] ? [report.big[s].verdict] : [])),
    ...(report.embedded ? [report.embedded.verdict] : []),
  ];
}

/** Writes the report to `bench-results/<timestamp>.json` and `bench-results/latest.json`. */
export async function writeReport(report: BenchReport): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${report.startedAt.replace(/[:.]/g, '-')}.json`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  await writeFile(file, json);
  await writeFile(join(RESULTS_DIR, 'latest.json'), json);
  return file;
}
