/**
 * Summarises a `.cpuprofile` file: `node scripts/dist/bench/profile-report.js <file> [--top N]
 * [--total] [--window FROM_US:TO_US]`. `--total` sorts by total (inclusive) time instead of self
 * time; `--window` keeps the samples of that monotonic-clock interval (`npm run bench --
 * --profile` prints it for each profile).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { analyseProfile, type CpuProfile } from './cpu-profile.js';
import { renderProfileSummary } from './profile-summary.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string' }, total: { type: 'boolean' }, window: { type: 'string' } },
});
const window = values.window?.split(':').map(Number);
if (positionals.length === 0) {
  console.error(
    'usage: node scripts/dist/bench/profile-report.js <file.cpuprofile>... [--top N] [--total]',
  );
  process.exit(2);
}
for (const file of positionals) {
  const summary = analyseProfile(
    JSON.parse(await readFile(file, 'utf8')) as CpuProfile,
    window ? { fromUs: window[0] ?? 0, toUs: window[1] ?? Infinity } : undefined,
  );
  if (values.total) {
    summary.byFunction.sort((a, b) => b.totalMs - a.totalMs);
    summary.byPackage.sort((a, b) => b.totalMs - a.totalMs);
  }
  console.log(renderProfileSummary(file, summary, Number(values.top ?? 30)));
  console.log();
}
