import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Debian's PgBouncer (1.18 on bookworm), which `.ci/run` installs. */
export const PGBOUNCER = '/usr/sbin/pgbouncer';

/** A PgBouncer in transaction pooling mode, in front of one database of the test server. */
export interface PgBouncer {
  /** The URL to connect through PgBouncer, as user `postgres`. */
  readonly url: string;
  readonly port: number;
  /** PgBouncer's log, for failure messages. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts PgBouncer as shipped by Debian, in transaction pooling mode (a server connection per
 * transaction, so no session state survives between statements), with trust authentication,
 * pooling `database` (a URL on the test server). PgBouncer refuses to run as root, so under root
 * it runs as `postgres`, like the server.
 */
export async function startPgBouncer(database: string, poolSize = 10): Promise<PgBouncer> {
  if (!existsSync(PGBOUNCER)) {
    throw new Error(`${PGBOUNCER} is missing: apt-get install pgbouncer (.ci/run does)`);
  }
  const target = new URL(database);
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'pgbouncer-'));
  const asRoot = userInfo().uid === 0;
  await writeFile(join(dir, 'userlist.txt'), '"postgres" ""\n');
  await writeFile(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `pooled = host=${target.hostname} port=${target.port || 5432} dbname=${target.pathname.slice(1)} user=postgres`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 500',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  if (asRoot) {
    const { uid, gid } = await postgresUser();
    await chown(dir, uid, gid);
    for (const file of ['userlist.txt', 'pgbouncer.ini']) await chown(join(dir, file), uid, gid);
  }
  await chmod(dir, 0o700);
  const ini = join(dir, 'pgbouncer.ini');
  const child: ChildProcess = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', PGBOUNCER, ini], { stdio: 'ignore' })
    : spawn(PGBOUNCER, [ini], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `postgres://postgres@127.0.0.1:${port}/pooled`;
  const log = () => readFile(join(dir, 'pgbouncer.log'), 'utf8').catch(() => '');
  try {
    await untilAnswering(url);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`PgBouncer did not start: ${String(error)}\n${await log()}`, { cause: error });
  }
  return {
    url,
    port,
    log,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const line = (await readFile('/etc/passwd', 'utf8'))
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('no postgres user on this machine');
  return { uid: Number(uid), gid: Number(gid) };
}

async function untilAnswering(url: string): Promise<void> {
  let last: unknown;
  for (let attempt = 0; attempt < 50; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      last = error;
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw last;
}

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
