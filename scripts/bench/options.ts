import { parseArgs } from 'node:util';

/** What one `npm run bench` does, from its command-line flags. */
export interface BenchOptions {
  /** `default`: the apps vs the floors on PostgreSQL; `big` adds the 1M-client phase. */
  readonly mode: 'default' | 'big' | 'embedded' | 'profile';
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  /** Seconds of unmeasured load right before each measurement (0: none). */
  readonly rewarmSeconds: number;
  /** Rounds every contender is measured at least. */
  readonly rounds: number;
  /** Most rounds, when rounds are added until every ratio's spread is under the limit. */
  readonly maxRounds: number;
  /** Ids of the apps under test whose rows run (`--apps`); every app when empty. */
  readonly apps: readonly string[];
  /** Scenarios whose rows run (`--only`, e.g. `TOKEN`); every scenario when empty. */
  readonly scenarios: readonly string[];
  /** Clients created through the API before measuring, whose registrations GET reads. */
  readonly clients: number;
  readonly bigRows: number;
  /** How many of the seeded clients the 1M-phase GET cycles through. */
  readonly bigSample: number;
  readonly poolSize: number;
  /** Maintenance connection (database `postgres`) used to create and drop the bench database. */
  readonly adminUrl: string;
  readonly database: string;
  readonly keepDatabase: boolean;
  readonly profileSeconds: number;
  /** Extra environment of the identity app (`--app-env NAME=value`, repeatable). */
  readonly appEnv: Readonly<Record<string, string>>;
  /** Longest wait for the machine to be quiet before each measurement; 0 disables. */
  readonly quietWaitSeconds: number;
}

export const USAGE = `Usage: npm run bench -- [mode] [options]

Modes (default: the apps (identity on Fastify, a host app on Express) vs the floors on
PostgreSQL at 127.0.0.1:5432):
  --big              default run, then seed 1,000,000 clients and measure the app again
  --embedded         the app on its embedded PostgreSQL (PGlite): POST registrations/s
  --profile          run the app under node --cpu-prof for POST, GET, TOKEN, then POST
                     with the policy (those of --only), and summarise

Options:
  --rounds N         interleaved rounds, at least (apps and floors back
                     to back in each round)                              default 5
  --max-rounds N     add rounds, up to N, until every ratio's spread is
                     under the limit (only the unsettled rows' servers)  default 15
  --apps LIST        comma-separated apps under test whose rows run
                     (identity, express, nest-floor, nest-floor-express,
                     provider-floor)                                     default all
  --only LIST        comma-separated scenarios whose rows run
                     (POST, GET, TOKEN)                                  default all
  --duration S       seconds per measurement                             default 4
  --warmup S         seconds of warm-up per target and scenario          default 2
  --rewarm S         seconds of unmeasured load right before each
                     measurement, after the quiet wait (0: none)         default 3
  --connections N    autocannon connections                              default 16
  --clients N        clients created through the API for GET             default 2000
  --big-rows N       rows seeded by --big                                default 1000000
  --big-sample N     seeded clients GET cycles through in --big          default 100000
  --pool N           pool size of every app and floor                    default 16
  --profile-seconds S  seconds of load per profiled scenario             default 10
  --quiet-wait S     wait up to S s for an idle machine before each
                     measurement (0: never wait)                         default 15
  --app-env K=V      extra environment variable of the apps under test, e.g.
                     --app-env LOG_LEVEL=warn (repeatable)
  --keep-db          leave the bench database in place afterwards

Environment: BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres),
BENCH_DATABASE (default dcr_bench; dropped and recreated by every run).`;

/** Parses `argv`; throws with a message naming the bad flag. */
export function parseOptions(argv: string[], env = process.env): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      big: { type: 'boolean' },
      embedded: { type: 'boolean' },
      profile: { type: 'boolean' },
      rounds: { type: 'string' },
      'max-rounds': { type: 'string' },
      apps: { type: 'string' },
      only: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rewarm: { type: 'string' },
      connections: { type: 'string' },
      clients: { type: 'string' },
      'big-rows': { type: 'string' },
      'big-sample': { type: 'string' },
      pool: { type: 'string' },
      'profile-seconds': { type: 'string' },
      'quiet-wait': { type: 'string' },
      'app-env': { type: 'string', multiple: true },
      'keep-db': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const modes = (['big', 'embedded', 'profile'] as const).filter((mode) => values[mode]);
  if (modes.length > 1) throw new Error(`choose one mode, not ${modes.join(' and ')}`);
  const rounds = positive('rounds', values.rounds, 5);
  return {
    mode: modes[0] ?? 'default',
    rounds,
    maxRounds: Math.max(rounds, positive('max-rounds', values['max-rounds'], 15)),
    apps: list(values.apps),
    scenarios: list(values.only).map((name) => name.toUpperCase()),
    durationSeconds: positive('duration', values.duration, 4),
    warmupSeconds: positive('warmup', values.warmup, 2),
    rewarmSeconds: whole('rewarm', values.rewarm, 3),
    connections: positive('connections', values.connections, 16),
    clients: positive('clients', values.clients, 2000),
    bigRows: positive('big-rows', values['big-rows'], 1_000_000),
    bigSample: positive('big-sample', values['big-sample'], 100_000),
    poolSize: positive('pool', values.pool, 16),
    profileSeconds: positive('profile-seconds', values['profile-seconds'], 10),
    quietWaitSeconds: whole('quiet-wait', values['quiet-wait'], 15),
    adminUrl: env.BENCH_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    database: env.BENCH_DATABASE || 'dcr_bench',
    keepDatabase: values['keep-db'] ?? false,
    appEnv: Object.fromEntries((values['app-env'] ?? []).map(variable)),
  };
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

function variable(raw: string): [string, string] {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(raw);
  if (!match) throw new Error(`--app-env must be NAME=value (got "${raw}")`);
  return [match[1], match[2]];
}

function positive(flag: string, raw: string | undefined, fallback: number): number {
  return whole(flag, raw, fallback, 1);
}

function whole(flag: string, raw: string | undefined, fallback: number, min = 0): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min) {
    throw new Error(`--${flag} must be a whole number ≥ ${min} (got "${raw}")`);
  }
  return value;
}
