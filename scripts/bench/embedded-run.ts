import { onInterrupt } from './children.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from './options.js';
import { REGISTER } from './loads/register.js';
import { checkRead, registerClient } from './register-clients.js';
import { embeddedResult, type BenchReport } from './report.js';
import { runRounds, warmUp, type Contender, type LoadSettings } from './rounds.js';
import { startIdentity } from './server-process.js';

const EMBEDDED_MIN_WARMUP_SECONDS = 8;

/**
 * `--embedded`: the app with no DATABASE_URL, so on its embedded PostgreSQL (PGlite, one
 * connection) in a temporary DATA_DIR; measures POST registrations/s.
 */
export async function runEmbedded(
  options: BenchOptions,
  settings: LoadSettings,
  report: BenchReport,
  log: (line: string) => void,
): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dcr-bench-pglite-'));
  const forget = onInterrupt(() => rm(dataDir, { recursive: true, force: true }));
  log(`Starting the app on embedded PostgreSQL in ${dataDir}`);
  const app = await startIdentity({
    databaseUrl: undefined,
    dataDir,
    poolSize: options.poolSize,
    env: options.appEnv,
  });
  try {
    await checkRead(app.url, await registerClient(app.url));
    const contender: Contender = {
      key: 'identity-embedded:register',
      label: 'POST Fastify (embedded) register',
      url: app.url,
      pid: app.child.pid,
      request: await REGISTER.prepare(app, {
        registeredClients: () => Promise.reject(new Error('POST reads no clients')),
      }),
    };
    const groups = [{ scenario: 'POST', contenders: [contender] }];
    // PostgreSQL compiled to WebAssembly takes longer to reach its steady speed than the app.
    const warmupSeconds = Math.max(settings.warmupSeconds, EMBEDDED_MIN_WARMUP_SECONDS);
    await warmUp(groups, { ...settings, warmupSeconds }, log);
    const results = await runRounds(groups, settings, log);
    report.embedded = embeddedResult(results[contender.key] ?? []);
  } finally {
    await app.stop();
    forget();
    await rm(dataDir, { recursive: true, force: true });
  }
}
