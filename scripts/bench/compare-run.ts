import { onInterrupt } from './children.js';
import { dropDatabase, recreateDatabase } from './database.js';
import type { BenchOptions } from './options.js';
import { checkRead, registerClient, registerClients } from './register-clients.js';
import { compare, compareBig, type BenchReport } from './report.js';
import { runRounds, warmUp, type Contender, type LoadSettings } from './rounds.js';
import { sampleSeededClients, seedClients } from './seed.js';
import { startFloor, startIdentity, type ServerProcess } from './server-process.js';

/** Default mode: the identity app vs the floor on PostgreSQL; `--big` adds the 1M-client phase. */
export async function runComparison(
  options: BenchOptions,
  settings: LoadSettings,
  report: BenchReport,
  log: (line: string) => void,
): Promise<void> {
  const url = await recreateDatabase(options.adminUrl, options.database);
  const forget = onInterrupt(() =>
    options.keepDatabase ? Promise.resolve() : dropDatabase(options.adminUrl, options.database),
  );
  log(
    `Database ${options.database} recreated; starting the app and the floor (pool ${options.poolSize})`,
  );
  const servers = await Promise.all([
    startIdentity({ databaseUrl: url, poolSize: options.poolSize, env: options.appEnv }),
    startFloor(url, options.poolSize),
  ]);
  try {
    const contenders = await Promise.all(servers.map((server) => prepare(server, options.clients)));
    log(`Created ${options.clients} clients on each through the API; warming up`);
    await warmUp(contenders, ['post', 'get'], settings, log);
    log(
      `Measuring: ${settings.rounds} rounds of ${settings.durationSeconds} s per server and scenario`,
    );
    const results = await runRounds(contenders, ['post', 'get'], settings, log);
    report.comparison = { post: compare(results, 'post'), get: compare(results, 'get') };

    if (options.mode === 'big') {
      await servers[1].stop();
      await runBig(options, settings, report, servers[0], url, log);
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    forget();
    if (!options.keepDatabase) await dropDatabase(options.adminUrl, options.database);
  }
}

/** Checks that the server registers and reads a client, then creates `count` clients for GET. */
async function prepare(server: ServerProcess, count: number): Promise<Contender> {
  await checkRead(server.url, await registerClient(server.url));
  const clients = await registerClients(server.url, count);
  return { name: server.name, url: server.url, pid: server.child.pid, clients };
}

/**
 * Seeds `bigRows` clients straight into the app's table, then measures the app alone: POST into
 * the big indexes, and GET of seeded clients spread over the whole table (not the few thousand
 * recent ones, which would stay in cache).
 */
async function runBig(
  options: BenchOptions,
  settings: LoadSettings,
  report: BenchReport,
  app: ServerProcess,
  url: string,
  log: (line: string) => void,
): Promise<void> {
  const comparison = report.comparison;
  if (!comparison) throw new Error('the big phase compares with the default phase');
  log(`Seeding ${options.bigRows.toLocaleString('en')} clients with generate_series`);
  await seedClients(url, options.bigRows, log);
  const sample = sampleSeededClients(options.bigRows, options.bigSample);
  await checkRead(app.url, sample[0]);
  const contender: Contender = { name: 'app', url: app.url, pid: app.child.pid, clients: sample };
  log(`GET cycles through ${sample.length.toLocaleString('en')} seeded clients; warming up`);
  await warmUp([contender], ['post', 'get'], settings, log);
  const results = await runRounds([contender], ['post', 'get'], settings, log);
  report.big = {
    rows: options.bigRows,
    sample: sample.length,
    post: compareBig(comparison.post.app, results.post.app ?? []),
    get: compareBig(comparison.get.app, results.get.app ?? []),
  };
}
