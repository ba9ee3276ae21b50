import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { IDENTITY_MAIN, WORKSPACE_ROOT } from './paths.js';
import {
  ChildLog,
  freePort,
  isInterrupted,
  onInterrupt,
  spawnTracked,
  stopChild,
  waitForHttp,
} from './children.js';

/** A server under test or a floor, running as a child process. */
export interface ServerProcess {
  /** The id of its definition (`identity`, `express`, `floor`), for messages. */
  readonly name: string;
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

/**
 * The apps' own configuration variables (apps/identity/src/config/identity-env.ts, and LOG_LEVEL
 * of the Express app), never inherited from the caller's shell: a server gets only what the bench
 * gives it.
 */
const IDENTITY_VARIABLES = [
  'PORT',
  'HOST',
  'ISSUER',
  'AUTHORIZATION_ENDPOINT',
  'TOKEN_ENDPOINT',
  'DATABASE_URL',
  'DATA_DIR',
  'DATABASE_POOL_SIZE',
  'DATABASE_WAIT_SECONDS',
  'DATABASE_REPLICA_URLS',
  'DATABASE_STATEMENT_TIMEOUT_MS',
  'DATABASE_IDLE_TIMEOUT_MS',
  'CLIENT_SECRET_LIFETIME_SECONDS',
  'ADMIN_TOKEN',
  'REGISTRATION_TOKEN_ROTATION',
  'REGISTRATION_TOKEN_GRACE_SECONDS',
  'REGISTRATION_TOKEN_REUSE_REVOKES',
  'REGISTRATION_RATE_LIMIT',
  'LOG_LEVEL',
  'NODE_OPTIONS',
  'REGISTRATION_RATE_LIMIT',
];

/**
 * Settings of the identity app that every bench run needs, before `--app-env`. A rate limit on
 * registration is being added to the app (issue 9): the bench registers thousands of clients a
 * second from one address, so it must be off. Harmless until the app reads the variable.
 */
const IDENTITY_BENCH_ENV = { REGISTRATION_RATE_LIMIT: 'off' };

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
    ...IDENTITY_BENCH_ENV,
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
  return launchServer(
    'identity',
    [...profiler, IDENTITY_MAIN],
    env,
    url,
    '/.well-known/oauth-authorization-server',
    120_000,
  );
}

/**
 * Runs `node <args>` with `env` (output to a temporary file, see {@link ChildLog}) and waits until
 * `<url><readyPath>` answers 200 (at most `timeoutMs`).
 */
export async function launchServer(
  name: string,
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

/**
 * The environment of a child: the bench's own, without the identity app's variables (a server gets
 * only what the bench gives it), with `NODE_ENV=production` and `variables`.
 */
export function childEnv(variables: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of IDENTITY_VARIABLES) delete env[name];
  // As in the Docker image; NO_COLOR keeps Nest's log lines readable in error reports.
  return { ...env, NODE_ENV: 'production', NO_COLOR: '1', ...variables };
}
