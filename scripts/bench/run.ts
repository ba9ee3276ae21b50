/**
 * `npm run bench`: measures the apps (apps/identity on Fastify, a host app on Express) against the
 * floors and checks the performance targets (see scripts/bench/README.md). Exit code 0: every target met; 1: a target missed;
 * 2: the bench itself failed.
 */
import { relative } from 'node:path';
import { installCleanup, isInterrupted } from './children.js';
import { runComparison } from './compare-run.js';
import { serverVersion } from './database.js';
import { runEmbedded } from './embedded-run.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { WORKSPACE_ROOT } from './paths.js';
import { runProfile } from './profile-run.js';
import { selectRows } from './registry.js';
import { renderReport } from './render-report.js';
import { machine, source, verdicts, writeReport, type BenchReport } from './report.js';
import type { LoadSettings } from './rounds.js';

const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  let parsed: BenchOptions | 'help';
  try {
    parsed = parseOptions(process.argv.slice(2));
    if (parsed !== 'help') selectRows(parsed.apps, parsed.scenarios);
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  const options = parsed;
  installCleanup();

  const settings: LoadSettings = {
    rounds: options.rounds,
    maxRounds: options.maxRounds,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
    rewarmSeconds: options.rewarmSeconds,
    connections: options.connections,
    quietWaitSeconds: options.quietWaitSeconds,
    database: options.mode === 'embedded' ? undefined : options.database,
  };
  const postgres = options.mode === 'embedded' ? undefined : await serverVersion(options.adminUrl);
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    mode: options.mode,
    machine: machine(postgres),
    source: source(),
    settings: {
      ...settings,
      clients: options.clients,
      poolSize: options.poolSize,
      appEnv: options.appEnv,
      apps: options.apps,
      scenarios: options.scenarios,
    },
  };
  const { cpus, cpuModel, node } = report.machine;
  const { commit, changedFiles } = report.source;
  log(
    `bench (${options.mode}): node ${node}, ${postgres ?? 'embedded PostgreSQL'}, ${cpus} × ${cpuModel}\n` +
      `(autocannon, the servers and PostgreSQL share these CPUs); ` +
      `commit ${commit} with ${changedFiles} changed file(s) under libs/ and apps/`,
  );

  const started = Date.now();
  if (options.mode === 'embedded') await runEmbedded(options, settings, report, log);
  else if (options.mode === 'profile') await runProfile(options, settings, report, log);
  else await runComparison(options, settings, report, log);

  const file = await writeReport(report);
  log(`\n${renderReport(report)}`);
  log(
    `\nResults: ${relative(WORKSPACE_ROOT, file)} (and bench-results/latest.json); ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  return verdicts(report).every((v) => v.pass) ? 0 : 1;
}

// After Ctrl-C the signal handler stops the children, cleans up and exits; the run, failing
// meanwhile for lack of servers, must not exit first.
main().then(
  (code) => {
    if (!isInterrupted()) process.exit(code);
  },
  (error: unknown) => {
    if (isInterrupted()) return;
    console.error(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(2);
  },
);
