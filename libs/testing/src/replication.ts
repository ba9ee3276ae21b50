import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './pgbouncer.js';

const run = promisify(execFile);

/** The prefix of the clusters this file creates, so that leftovers of a killed run are found. */
const CLUSTER_PREFIX = 'dcrtest';

/** A scratch primary and a hot standby following it, both PostgreSQL clusters of this machine. */
export interface ReplicationPair {
  /** URL of database `postgres` on the primary. */
  readonly primaryUrl: string;
  /** URL of database `postgres` on the standby (read-only). */
  readonly replicaUrl: string;
  /** Runs SQL on the primary. */
  primary<Row extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<Row[]>;
  /** Runs SQL on the standby. */
  replica<Row extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<Row[]>;
  /** Waits until the standby has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  /** Stops replay on the standby (it keeps answering reads, with the data it has). */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Stops and drops both clusters. */
  drop(): Promise<void>;
}

async function postgresVersion(): Promise<string> {
  const [version] = await readdir('/etc/postgresql');
  if (!version) throw new Error('no PostgreSQL installation under /etc/postgresql');
  return version;
}

async function ctl(version: string, name: string, action: 'start' | 'stop'): Promise<void> {
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, action]);
}

async function dropCluster(version: string, name: string): Promise<void> {
  await run('pg_dropcluster', ['--stop', version, name]).catch(() => undefined);
}

/** Drops clusters left by an earlier run that was killed before it could clean up. */
async function dropLeftovers(version: string): Promise<void> {
  const names = await readdir(`/etc/postgresql/${version}`).catch(() => [] as string[]);
  for (const name of names.filter((entry) => entry.startsWith(`${CLUSTER_PREFIX}_`))) {
    const { stdout } = await run('pg_lsclusters', ['--no-header', version, name]).catch(() => ({
      stdout: '',
    }));
    // Only clusters that are down: a running one belongs to a test running now.
    if (!/online/.test(stdout)) await dropCluster(version, name);
  }
}

async function sql<Row extends pg.QueryResultRow>(
  url: string,
  text: string,
  params?: unknown[],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Creates a scratch primary (`pg_createcluster`, trust authentication on loopback) and a hot
 * standby of it (`pg_basebackup -R`, streaming replication), and starts both. Needs root (or the
 * postgres user) and PostgreSQL's Debian cluster tools, as on the CI machine; takes a few seconds.
 */
export async function startReplicationPair(): Promise<ReplicationPair> {
  const version = await postgresVersion();
  await dropLeftovers(version);
  const id = randomBytes(4).toString('hex');
  const primaryName = `${CLUSTER_PREFIX}_${id}_primary`;
  const replicaName = `${CLUSTER_PREFIX}_${id}_replica`;
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
  const settings = (port: number) => ['-p', String(port), '-o', 'fsync=off'];
  try {
    await run('pg_createcluster', [
      ...settings(primaryPort),
      '--start',
      version,
      primaryName,
      '--',
      '--auth=trust',
    ]);
    await run('pg_createcluster', [
      ...settings(replicaPort),
      version,
      replicaName,
      '--',
      '--auth=trust',
    ]);
    const dataDir = `/var/lib/postgresql/${version}/${replicaName}`;
    // Emptied, not removed: the folder belongs to postgres, its parent does not.
    await run('find', [dataDir, '-mindepth', '1', '-delete']);
    await run('runuser', [
      '-u',
      'postgres',
      '--',
      'pg_basebackup',
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      dataDir,
      '-R',
      '-X',
      'stream',
    ]);
    await ctl(version, replicaName, 'start');
    await untilAnswering(replicaUrl);
  } catch (error) {
    await dropCluster(version, replicaName);
    await dropCluster(version, primaryName);
    throw error;
  }

  const pair: ReplicationPair = {
    primaryUrl,
    replicaUrl,
    primary: (text, params) => sql(primaryUrl, text, params),
    replica: (text, params) => sql(replicaUrl, text, params),
    async caughtUp() {
      const [{ lsn }] = (await pair.primary<{ lsn: string }>(
        'SELECT pg_current_wal_insert_lsn()::text AS lsn',
      )) as [{ lsn: string }];
      for (let attempt = 0; attempt < 200; attempt++) {
        const [row] = await pair.replica<{ behind: boolean }>(
          'SELECT pg_last_wal_replay_lsn() < $1::pg_lsn AS behind',
          [lsn],
        );
        if (row && !row.behind) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the standby did not catch up within 10 s');
    },
    async pauseReplay() {
      await pair.replica('SELECT pg_wal_replay_pause()');
    },
    async resumeReplay() {
      await pair.replica('SELECT pg_wal_replay_resume()');
    },
    async stopReplica() {
      await ctl(version, replicaName, 'stop');
    },
    async startReplica() {
      await ctl(version, replicaName, 'start');
      await untilAnswering(replicaUrl);
    },
    async drop() {
      await dropCluster(version, replicaName);
      await dropCluster(version, primaryName);
    },
  };
  return pair;
}

async function untilAnswering(url: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await sql(url, 'SELECT 1');
      return;
    } catch (error) {
      if (attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
