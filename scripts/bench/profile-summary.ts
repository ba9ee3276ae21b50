import type { ProfileRow, ProfileSummary } from './cpu-profile.js';
import { table } from './render-report.js';

/** The profile summary as text: time split, then packages and functions by self time. */
export function renderProfileSummary(
  title: string,
  summary: ProfileSummary,
  topFunctions = 30,
): string {
  const pct = (value: number) => `${((100 * value) / summary.busyMs).toFixed(1)}%`;
  const rows = (list: ProfileRow[]) =>
    list.map((row) => [
      row.name,
      row.selfMs.toFixed(0),
      pct(row.selfMs),
      row.totalMs.toFixed(0),
      pct(row.totalMs),
    ]);
  const packages = summary.byPackage.filter((row) => row.selfMs >= summary.busyMs * 0.002);
  const callers = summary.byCaller.filter((row) => row.selfMs >= summary.busyMs * 0.002);
  return [
    `${title}: ${summary.samples} samples over ${(summary.windowMs / 1000).toFixed(1)} s; ` +
      `~${summary.intervalUs.toFixed(0)} µs each; busy ${summary.busyMs.toFixed(0)} ms, ` +
      `idle ${summary.idleMs.toFixed(0)} ms. ms = samples × interval; % of busy samples; ` +
      `self = on top of the stack, total = anywhere on it (once per sample)`,
    '',
    table(['package', 'self ms', 'self', 'total ms', 'total'], rows(packages)),
    '',
    'Self time with Node.js core and native code charged to the package that called it:',
    table(
      ['caller', 'ms', '%'],
      callers.map((row) => [row.name, row.selfMs.toFixed(0), pct(row.selfMs)]),
    ),
    '',
    table(
      ['function', 'self ms', 'self', 'total ms', 'total'],
      rows(summary.byFunction.slice(0, topFunctions)),
    ),
  ].join('\n');
}

/** A compact copy of the summary for the JSON results. */
export function summaryForJson(summary: ProfileSummary, top = 60): ProfileSummary {
  const round = (rows: ProfileRow[]) =>
    rows
      .slice(0, top)
      .map((r) => ({ name: r.name, selfMs: Math.round(r.selfMs), totalMs: Math.round(r.totalMs) }));
  return {
    ...summary,
    byPackage: round(summary.byPackage),
    byFunction: round(summary.byFunction),
    byCaller: round(summary.byCaller),
  };
}
