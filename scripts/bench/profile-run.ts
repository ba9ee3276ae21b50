import { onInterrupt } from './children.js';
import { mkdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { analyseProfile, type CpuProfile } from './cpu-profile.js';
import { dropDatabase, recreateDatabase } from './database.js';
import type { LoadDefinition } from './definitions.js';
import { READ } from './loads/read.js';
import { REGISTER } from './loads/register.js';
import { REGISTER_WITH_INITIAL_ACCESS_TOKEN } from './loads/register-with-initial-access-token.js';
import { POLICY_ENV } from './servers/identity-policy.js';
import { CLIENT_CREDENTIALS } from './loads/token.js';
import { measure } from './load.js';
import { waitForQuiet } from './machine-load.js';
import type { BenchOptions } from './options.js';
import { RESULTS_DIR, WORKSPACE_ROOT } from './paths.js';
import { renderProfileSummary, summaryForJson } from './profile-summary.js';
import { registerClients } from './register-clients.js';
import type { BenchReport } from './report.js';
import { describe, type LoadSettings } from './rounds.js';
import { startIdentity } from './server-process.js';

/** Microseconds on the monotonic clock, the clock of the `.cpuprofile` timestamps. */
function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * `--profile`: for POST, GET, TOKEN and POST in the protected configuration (those of `--only`),
 * starts the app under `node --cpu-prof`, warms it up, loads
 * it for `profileSeconds`, stops it (the profile is written at exit) and summarises the samples
 * taken under load only (start-up, warm-up and shutdown are left out). The GET clients are created
 * beforehand by an app that is not profiled, so the GET profile holds no registration.
 */
export async function runProfile(
  options: BenchOptions,
  settings: LoadSettings,
  report: BenchReport,
  log: (line: string) => void,
): Promise<void> {
  const url = await recreateDatabase(options.adminUrl, options.database);
  const forget = onInterrupt(() =>
    options.keepDatabase ? Promise.resolve() : dropDatabase(options.adminUrl, options.database),
  );
  const dir = join(RESULTS_DIR, 'profiles', report.startedAt.replace(/[:.]/g, '-'));
  await mkdir(dir, { recursive: true });
  const profiles: Record<string, unknown> = { dir };
  try {
    const seeder = await startIdentity({
      databaseUrl: url,
      poolSize: options.poolSize,
      env: options.appEnv,
    });
    const clients = await registerClients(seeder.url, options.clients).finally(() => seeder.stop());
    log(`Created ${clients.length} clients for GET; profiles go to ${dir}`);

    const loads = (
      [
        ['post', REGISTER, {}],
        ['get', READ, {}],
        ['token', CLIENT_CREDENTIALS, {}],
        ['post-policy', REGISTER_WITH_INITIAL_ACCESS_TOKEN, POLICY_ENV],
      ] satisfies [string, LoadDefinition, Readonly<Record<string, string>>][]
    ).filter(
      ([scenario]) =>
        options.scenarios.length === 0 ||
        options.scenarios.includes(scenario.split('-')[0].toUpperCase()),
    );
    for (const [scenario, definition, env] of loads) {
      const name = `identity-${scenario}.cpuprofile`;
      const app = await startIdentity({
        databaseUrl: url,
        poolSize: options.poolSize,
        env: { ...env, ...options.appEnv },
        cpuProfile: { dir, name },
      });
      try {
        const request = await definition.prepare(app, {
          registeredClients: () => Promise.resolve(clients),
        });
        const load = {
          baseUrl: app.url,
          connections: settings.connections,
          database: options.database,
          serverPid: app.child.pid,
        };
        await measure({ ...load, request: request(), durationSeconds: settings.warmupSeconds });
        if (settings.quietWaitSeconds > 0) await waitForQuiet(settings.quietWaitSeconds);
        const fromUs = monotonicUs();
        const measurement = await measure({
          ...load,
          request: request(),
          durationSeconds: options.profileSeconds,
        });
        const toUs = monotonicUs();
        log(`  ${scenario.toUpperCase()} under the profiler: ${describe(measurement)}`);
        await app.stop();
        const profile = JSON.parse(await readFile(join(dir, name), 'utf8')) as CpuProfile;
        const summary = analyseProfile(profile, { fromUs, toUs });
        log(
          `\n${renderProfileSummary(`${scenario.toUpperCase()} profile (${name})`, summary, 40)}\n`,
        );
        profiles[scenario] = {
          file: name,
          window: { fromUs, toUs },
          measurement,
          summary: summaryForJson(summary),
        };
        log(
          `(again: node scripts/dist/bench/profile-report.js ${relative(WORKSPACE_ROOT, join(dir, name))} ` +
            `--window ${fromUs}:${toUs})\n`,
        );
      } finally {
        await app.stop();
      }
    }
  } finally {
    forget();
    if (!options.keepDatabase) await dropDatabase(options.adminUrl, options.database);
  }
  report.profile = profiles;
}
