import { onInterrupt } from './children.js';
import { compareRows, unsettledContenders } from './comparison.js';
import { dropDatabase, recreateDatabase } from './database.js';
import {
  contenderKey,
  type ContenderRef,
  type PrepareContext,
  type RowDefinition,
  type ServerDefinition,
} from './definitions.js';
import { READ } from './loads/read.js';
import { REGISTER } from './loads/register.js';
import type { BenchOptions } from './options.js';
import { registerClients, type ClientCredentials } from './register-clients.js';
import { selectRows } from './registry.js';
import { compareBig, type BenchReport } from './report.js';
import { runRounds, warmUp, type Contender, type ContenderGroup } from './rounds.js';
import type { LoadSettings } from './rounds.js';
import { sampleSeededClients, seedClients } from './seed.js';
import type { ServerProcess } from './server-process.js';
import { IDENTITY } from './servers/identity.js';

/**
 * Default mode: every row of the registry (apps vs floors on PostgreSQL), with rounds added until
 * the ratios settle; `--big` then adds the 1M-client phase of the identity app.
 */
export async function runComparison(
  options: BenchOptions,
  settings: LoadSettings,
  report: BenchReport,
  log: (line: string) => void,
): Promise<void> {
  const rows = selectRows(options.apps, options.scenarios);
  const definitions = [
    ...new Set(rows.flatMap((row) => [row.app.server, row.floor.server])),
  ] as ServerDefinition[];
  const url = await recreateDatabase(options.adminUrl, options.database);
  const forget = onInterrupt(() =>
    options.keepDatabase ? Promise.resolve() : dropDatabase(options.adminUrl, options.database),
  );
  log(
    `Database ${options.database} recreated; starting ${definitions.map((d) => d.id).join(', ')} ` +
      `(pool ${options.poolSize} each)`,
  );
  const context = { databaseUrl: url, poolSize: options.poolSize, appEnv: options.appEnv };
  const started = await Promise.allSettled(definitions.map((d) => d.start(context)));
  const servers = new Map<string, ServerProcess>();
  started.forEach((result, i) => {
    if (result.status === 'fulfilled') servers.set(definitions[i].id, result.value);
  });
  try {
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const groups = await prepareGroups(rows, servers, options.clients);
    log(`Created ${options.clients} clients on each server through its API; warming up`);
    await warmUp(groups, settings, log);
    log(
      `Measuring: at least ${settings.rounds} rounds (at most ${settings.maxRounds}) of ` +
        `${settings.durationSeconds} s per server and load, each after ${settings.rewarmSeconds} s ` +
        'of unmeasured load',
    );
    const results = await runRounds(groups, settings, log, (soFar) =>
      unsettledContenders(rows, soFar),
    );
    report.comparison = compareRows(rows, results);

    if (options.mode === 'big') {
      const app = servers.get(IDENTITY.id);
      if (!app) throw new Error('--big measures the identity app: include it in --apps');
      await Promise.all(
        [...servers.values()].filter((server) => server !== app).map((server) => server.stop()),
      );
      await runBig(options, settings, report, app, url, log);
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
    forget();
    if (!options.keepDatabase) await dropDatabase(options.adminUrl, options.database);
  }
}

/**
 * Prepares every contender of the rows (each once, in the group of the first scenario that uses
 * it): checks its server answers the load, registers the clients reads need (once per server).
 */
async function prepareGroups(
  rows: readonly RowDefinition[],
  servers: ReadonlyMap<string, ServerProcess>,
  clients: number,
): Promise<ContenderGroup[]> {
  const registered = new Map<ServerProcess, Promise<ClientCredentials[]>>();
  const context: PrepareContext = {
    registeredClients(server) {
      let list = registered.get(server);
      if (!list) registered.set(server, (list = registerClients(server.url, clients)));
      return list;
    },
  };
  const refs = new Map<string, { scenario: string; ref: ContenderRef }>();
  for (const row of rows) {
    for (const ref of [row.app, row.floor]) {
      if (!refs.has(contenderKey(ref)))
        refs.set(contenderKey(ref), { scenario: row.scenario, ref });
    }
  }
  const contenders = await Promise.all(
    [...refs.entries()].map(async ([key, { scenario, ref }]): Promise<[string, Contender]> => {
      const server = servers.get(ref.server.id) as ServerProcess;
      const request = await ref.load.prepare(server, context);
      return [
        scenario,
        {
          key,
          label: `${scenario.padEnd(4)} ${ref.server.label} ${ref.load.id}`,
          url: server.url,
          pid: server.child.pid,
          request,
          successStatus: ref.load.successStatus,
        },
      ];
    }),
  );
  const groups = new Map<string, Contender[]>();
  for (const [scenario, contender] of contenders) {
    groups.set(scenario, [...(groups.get(scenario) ?? []), contender]);
  }
  return [...groups.entries()].map(([scenario, list]) => ({ scenario, contenders: list }));
}

/**
 * Seeds `bigRows` clients straight into the app's table, then measures the identity app alone:
 * POST into the big indexes, and GET of seeded clients spread over the whole table (not the few
 * thousand recent ones, which would stay in cache).
 */
async function runBig(
  options: BenchOptions,
  settings: LoadSettings,
  report: BenchReport,
  app: ServerProcess,
  url: string,
  log: (line: string) => void,
): Promise<void> {
  const empty = report.comparison?.contenders;
  const emptyPost = empty?.[contenderKey({ server: IDENTITY, load: REGISTER })];
  const emptyGet = empty?.[contenderKey({ server: IDENTITY, load: READ })];
  if (!emptyPost || !emptyGet) throw new Error('the big phase compares with the default phase');
  log(`Seeding ${options.bigRows.toLocaleString('en')} clients with generate_series`);
  await seedClients(url, options.bigRows, log);
  const sample = sampleSeededClients(options.bigRows, options.bigSample);
  const seeded: PrepareContext = { registeredClients: () => Promise.resolve(sample) };
  const contender = async (scenario: string, load: typeof REGISTER): Promise<Contender> => ({
    key: contenderKey({ server: IDENTITY, load }),
    label: `${scenario.padEnd(4)} ${IDENTITY.label} ${load.id} (seeded table)`,
    url: app.url,
    pid: app.child.pid,
    request: await load.prepare(app, seeded),
  });
  const groups: ContenderGroup[] = [
    { scenario: 'POST', contenders: [await contender('POST', REGISTER)] },
    { scenario: 'GET', contenders: [await contender('GET', READ)] },
  ];
  log(`GET cycles through ${sample.length.toLocaleString('en')} seeded clients; warming up`);
  await warmUp(groups, settings, log);
  const results = await runRounds(groups, settings, log);
  report.big = {
    rows: options.bigRows,
    sample: sample.length,
    post: compareBig(emptyPost.figures, results[groups[0].contenders[0].key] ?? []),
    get: compareBig(emptyGet.figures, results[groups[1].contenders[0].key] ?? []),
  };
}
