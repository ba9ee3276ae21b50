import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FLOOR_SERVER, IDENTITY_MAIN, WORKSPACE_ROOT } from './paths.js';
import {
  ChildLog,
  freePort,
  isInterrupted,
  onInterrupt,
  spawnTracked,
  stopChild,
  waitForHttp,
} from './children.js';

/** A server under test, running as a child process. */
export interface ServerProcess {
  /** `app` (apps/identity) or `floor` (the raw node:http + pg server). */
  readonly name: 'app' | 'floor';
  /** Base URL, also the app's ISSUER: `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export interface IdentityStart {
  /** `undefined`: the app's embedded PostgreSQL (PGlite) in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir?: string;
  readonly poolSize: number;
  /** Extra variables (`--app-env`), applied last. */
  readonly env?: Readonly<Record<string, string>>;
  /** Runs the app under `node --cpu-prof`, writing `<dir>/<name>` when it exits. */
  readonly cpuProfile?: { readonly dir: string; readonly name: string };
}

/** The identity app's own configuration variables, never inherited from the caller's shell. */
const IDENTITY_VARIABLES = [
  'PORT',
  'HOST',
  'ISSUER',
  'DATABASE_URL',
  'DATA_DIR',
  'DATABASE_POOL_SIZE',
  'CLIENT_SECRET_LIFETIME_SECONDS',
  'AUTHORIZATION_ENDPOINT',
  'TOKEN_ENDPOINT',
  'LOG_LEVEL',
  'NODE_OPTIONS',
  'REGISTRATION_RATE_LIMIT',
];

/** Starts `node apps/identity/dist/main.js` on a free port and waits until it answers. */
export async function startIdentity(start: IdentityStart): Promise<ServerProcess> {
  if (!existsSync(IDENTITY_MAIN)) {
    throw new Error(`${IDENTITY_MAIN} is missing: build it first (npx nx run identity:build)`);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = childEnv({
    PORT: String(port),
    HOST: '127.0.0.1',
    ISSUER: url,
    DATABASE_POOL_SIZE: String(start.poolSize),
    ...(start.databaseUrl ? { DATABASE_URL: start.databaseUrl } : {}),
    ...(start.dataDir ? { DATA_DIR: start.dataDir } : {}),
    // The load comes from one address at thousands of registrations a second: with the default
    // rate limits (on since issue 9) nearly all would be 429s. Off, the bench measures what it
    // always did; raising the three REGISTRATION_RATE_LIMIT* with --app-env measures the limits.
    REGISTRATION_RATE_LIMIT: 'off',
    ...start.env,
  });
  const profiler = start.cpuProfile
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${start.cpuProfile.dir}`,
        `--cpu-prof-name=${start.cpuProfile.name}`,
      ]
    : [];
  // Start-up runs the migrations (and, embedded, initialises PGlite): allow it time.
  return launch(
    'app',
    [...profiler, IDENTITY_MAIN],
    env,
    url,
    '/.well-known/oauth-authorization-server',
    120_000,
  );
}

/** Starts the floor server (`floor-server.ts`) on a free port with its own pool. */
export async function startFloor(databaseUrl: string, poolSize: number): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = childEnv({
    FLOOR_PORT: String(port),
    FLOOR_ISSUER: url,
    FLOOR_DATABASE_URL: databaseUrl,
    FLOOR_POOL_SIZE: String(poolSize),
  });
  return launch('floor', [FLOOR_SERVER], env, url, '/health', 30_000);
}

async function launch(
  name: ServerProcess['name'],
  args: string[],
  env: NodeJS.ProcessEnv,
  url: string,
  readyPath: string,
  timeoutMs: number,
): Promise<ServerProcess> {
  const log = await ChildLog.open(name);
  const forget = onInterrupt(() => log.remove());
  const child = spawnTracked(process.execPath, args, {
    cwd: WORKSPACE_ROOT,
    env,
    stdio: ['ignore', log.fd, log.fd],
  });
  try {
    await waitForHttp(`${url}${readyPath}`, child, log, timeoutMs);
  } catch (error) {
    await stopChild(child, 2_000);
    throw new Error(`${name} did not start: ${(error as Error).message}`, { cause: error });
  }
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping && !isInterrupted())
      console.error(`${name} exited unexpectedly (${code ?? signal}):\n${log.tail()}`);
  });
  return {
    name,
    url,
    child,
    async stop() {
      stopping = true;
      await stopChild(child);
      forget();
      if (child.exitCode === 0 || child.signalCode === 'SIGTERM') await log.remove();
      else
        console.error(
          `${name} exited with ${child.exitCode ?? child.signalCode}; its output: ${log.path}`,
        );
    },
  };
}

function childEnv(variables: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of IDENTITY_VARIABLES) delete env[name];
  // As in the Docker image; NO_COLOR keeps Nest's log lines readable in error reports.
  return { ...env, NODE_ENV: 'production', NO_COLOR: '1', ...variables };
}
