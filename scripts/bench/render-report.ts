import { rowName, unsettledReason, type Comparison, type RowResult } from './comparison.js';
import { isDisturbed, type Measurement } from './load.js';
import { FOREIGN_LOAD_LIMIT_PCT } from './machine-load.js';
import { verdicts, type BenchReport } from './report.js';
import type { MedianFigures } from './rounds.js';
import { MEDIAN_CONFIDENCE } from './spread.js';
import { TARGETS, type Verdict } from './targets.js';

/** The tables printed at the end of a run. */
export function renderReport(report: BenchReport): string {
  const parts: string[] = [];
  if (report.comparison) parts.push(renderComparison(report.comparison, report.settings));
  if (report.big) {
    const big = report.big;
    parts.push(
      `\nThe identity app (Fastify) with ${big.rows.toLocaleString('en')} seeded clients vs the (nearly) empty table above:`,
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
    parts.push(
      failures.length
        ? `\nFAIL (${failures.length}):\n${failures.map((reason) => `  - ${reason}`).join('\n')}`
        : '\nAll targets met.',
    );
  }
  return parts.join('\n');
}

const pct = (value: number) => (Number.isNaN(value) ? '-' : `${(100 * value).toFixed(0)}%`);

/** The rows (ratios with their spread and verdicts), then every contender's own figures. */
function renderComparison(comparison: Comparison, settings: Record<string, unknown>): string {
  const confidence = pct(MEDIAN_CONFIDENCE);
  const counts = comparison.rows.map((row) => row.ratio.rounds);
  const rounds =
    Math.min(...counts) === Math.max(...counts)
      ? String(Math.min(...counts))
      : `${Math.min(...counts)}–${Math.max(...counts)}`;
  const lines = [
    `Apps vs floors, ${String(settings.connections)} connections, ${rounds} interleaved rounds ` +
      `(ratio: median of the per-round ratios app req/s ÷ floor req/s; ${confidence} CI: ` +
      `confidence interval of that median; spread: CI width ÷ ratio, limit ` +
      `${pct(TARGETS.maxRatioSpread)}; min–max: of the per-round ratios):`,
    table(
      [
        '',
        'app',
        'floor',
        'app req/s',
        'floor req/s',
        'ratio',
        `${confidence} CI`,
        'spread',
        'min–max',
        'rounds',
        'target',
        'app p99',
        'CPU ×',
        'errors',
        'disturbed',
        '',
      ],
      comparison.rows.map((row) => rowCells(comparison, row)),
    ),
    ...legend(comparison),
    'CPU ×: app CPU/req ÷ floor CPU/req (steadier than req/s on a busy machine).',
  ];
  const unsettled = comparison.rows.filter((row) => !row.settled);
  for (const row of unsettled) {
    lines.push(
      `UNSETTLED: ${rowName(row)}: ${unsettledReason(row.ratio)}; its ratio is flagged, not a result.`,
    );
  }
  lines.push(
    '\nEvery server under every load, median over its rounds (CPU time per request: the server ' +
      'process, and PostgreSQL for that server):',
    table(
      [
        '',
        'server',
        'load',
        'req/s',
        'p50',
        'p99',
        'CPU/req',
        'PG CPU/req',
        'rounds',
        'errors',
        'disturbed',
      ],
      Object.values(comparison.contenders).map((c) => [
        c.scenario,
        c.serverLabel,
        c.load,
        c.figures.reqPerSec.toFixed(0),
        ms(c.figures.p50Ms),
        ms(c.figures.p99Ms),
        us(c.figures.serverCpuUsPerReq),
        us(c.figures.postgresCpuUsPerReq),
        String(c.rounds.length),
        errorsCell(c.figures),
        disturbedCell(c.rounds),
      ]),
    ),
  );
  return lines.join('\n');
}

/** One line per server: what it does per request. */
function legend(comparison: Comparison): string[] {
  const servers = new Map(
    Object.values(comparison.contenders).map((c) => [c.serverLabel, c.description]),
  );
  return [...servers].map(([label, description]) => `${label}: ${description}.`);
}

function rowCells(comparison: Comparison, row: RowResult): string[] {
  const app = comparison.contenders[row.app];
  const floor = comparison.contenders[row.floor];
  const { ratio } = row;
  return [
    row.scenario,
    row.appLabel,
    row.floorLabel,
    app.figures.reqPerSec.toFixed(0),
    floor.figures.reqPerSec.toFixed(0),
    ratio.median.toFixed(2),
    `${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)}`,
    `${pct(ratio.relativeSpread)}${row.settled ? '' : ' (!)'}`,
    `${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}`,
    String(ratio.rounds),
    row.target ? `≥ ${row.target.minRatio}, ≤ ${row.target.maxP99Ms} ms` : '(info)',
    ms(app.figures.p99Ms),
    (app.figures.serverCpuUsPerReq / floor.figures.serverCpuUsPerReq).toFixed(2),
    errorsCell(app.figures, floor.figures),
    disturbedCell(
      app.rounds.filter((m) => row.perRound.some((r) => r.round === m.round)),
      floor.rounds.filter((m) => row.perRound.some((r) => r.round === m.round)),
    ),
    row.status,
  ];
}

function allMeasurements(report: BenchReport): Measurement[] {
  return [
    ...Object.values(report.comparison?.contenders ?? {}).flatMap((c) => c.rounds),
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
