import { isDisturbed, type Measurement, type Scenario } from './load.js';
import { FOREIGN_LOAD_LIMIT_PCT } from './machine-load.js';
import { verdicts, type BenchReport, type ScenarioComparison } from './report.js';
import type { MedianFigures } from './rounds.js';
import { TARGETS, type Verdict } from './targets.js';

/** The tables printed at the end of a run. */
export function renderReport(report: BenchReport): string {
  const parts: string[] = [];
  if (report.comparison) {
    parts.push(
      `App vs floor, ${String(report.settings.connections)} connections, median of ${String(report.settings.rounds)} rounds:`,
      table(
        [
          '',
          'app req/s',
          'floor req/s',
          'ratio',
          'target',
          'app p50',
          'app p99',
          'floor p50',
          'floor p99',
          'errors',
          'disturbed',
          '',
        ],
        (['post', 'get'] as const).map((scenario) => {
          const c = (report.comparison as Record<Scenario, ScenarioComparison>)[scenario];
          return [
            scenario.toUpperCase(),
            c.app.reqPerSec.toFixed(0),
            c.floor.reqPerSec.toFixed(0),
            c.ratio.toFixed(2),
            `≥ ${TARGETS.minRatio[scenario]}`,
            ms(c.app.p50Ms),
            ms(c.app.p99Ms),
            ms(c.floor.p50Ms),
            ms(c.floor.p99Ms),
            errorsCell(c.app, c.floor),
            disturbedCell(c.rounds.app, c.rounds.floor),
            passFail(c.verdict),
          ];
        }),
      ),
      `(p99 target ≤ ${TARGETS.maxP99Ms} ms for the app)`,
      '\nCPU time per request, µs (median; server process, and PostgreSQL for that server):',
      table(
        ['', 'app', 'app PG', 'floor', 'floor PG', 'app ÷ floor'],
        (['post', 'get'] as const).map((scenario) => {
          const c = (report.comparison as Record<Scenario, ScenarioComparison>)[scenario];
          return [
            scenario.toUpperCase(),
            us(c.app.serverCpuUsPerReq),
            us(c.app.postgresCpuUsPerReq),
            us(c.floor.serverCpuUsPerReq),
            us(c.floor.postgresCpuUsPerReq),
            (c.app.serverCpuUsPerReq / c.floor.serverCpuUsPerReq).toFixed(2),
          ];
        }),
      ),
    );
  }
  if (report.big) {
    const big = report.big;
    parts.push(
      `\nApp with ${big.rows.toLocaleString('en')} seeded clients vs the (nearly) empty table above:`,
      table(
        [
          '',
          'req/s',
          'p50',
          'p99',
          'empty p99',
          'p99 factor',
          'target',
          'CPU/req',
          'PG CPU/req',
          'errors',
          'disturbed',
          '',
        ],
        (['post', 'get'] as const).flatMap((scenario) => {
          const c = big[scenario];
          if (!c) return [];
          return [
            [
              scenario.toUpperCase(),
              c.big.reqPerSec.toFixed(0),
              ms(c.big.p50Ms),
              ms(c.big.p99Ms),
              ms(c.empty.p99Ms),
              `×${c.p99Factor.toFixed(2)}`,
              `≤ ×${TARGETS.maxBigP99Factor}`,
              us(c.big.serverCpuUsPerReq),
              us(c.big.postgresCpuUsPerReq),
              errorsCell(c.big),
              disturbedCell(c.rounds),
              passFail(c.verdict),
            ],
          ];
        }),
      ),
    );
  }
  if (report.embedded) {
    const { post, verdict: v } = report.embedded;
    parts.push(
      `App on embedded PostgreSQL (PGlite), median of ${String(report.settings.rounds)} rounds:`,
      table(
        ['', 'req/s', 'target', 'p50', 'p99', 'CPU/req', 'errors', 'disturbed', ''],
        [
          [
            'POST',
            post.reqPerSec.toFixed(0),
            `≥ ${TARGETS.minEmbeddedPostPerSec}`,
            ms(post.p50Ms),
            ms(post.p99Ms),
            us(post.serverCpuUsPerReq),
            errorsCell(post),
            disturbedCell(report.embedded.rounds),
            passFail(v),
          ],
        ],
      ),
    );
  }
  const disturbed = allMeasurements(report).filter(isDisturbed).length;
  if (disturbed > 0) {
    parts.push(
      `\nWARNING: ${disturbed} measurement(s) ran while other processes used more than ` +
        `${FOREIGN_LOAD_LIMIT_PCT}% of the CPUs ("disturbed"): rerun on a quiet machine before trusting them.`,
    );
  }
  const all = verdicts(report);
  const failures = all.flatMap((v) => v.reasons);
  if (all.length > 0) {
    parts.push(failures.length ? `\nFAIL: ${failures.join('; ')}` : '\nAll targets met.');
  }
  return parts.join('\n');
}

function allMeasurements(report: BenchReport): Measurement[] {
  return [
    ...Object.values(report.comparison ?? {}).flatMap((c) => [...c.rounds.app, ...c.rounds.floor]),
    ...(['post', 'get'] as const).flatMap((s) => report.big?.[s]?.rounds ?? []),
    ...(report.embedded?.rounds ?? []),
  ];
}

function disturbedCell(...lists: Measurement[][]): string {
  const all = lists.flat();
  return `${all.filter(isDisturbed).length}/${all.length}`;
}

function us(value: number): string {
  return Number.isNaN(value) ? '-' : `${value.toFixed(0)} µs`;
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

function errorsCell(...figures: MedianFigures[]): string {
  const errors = figures.reduce((sum, f) => sum + f.errors, 0);
  return errors === 0 ? '0' : `${errors} (!)`;
}

function passFail(v: Verdict): string {
  return v.pass ? 'PASS' : 'FAIL';
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
