import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A running embedded PostgreSQL and how to reach it with the ordinary `pg` driver. */
export interface EmbeddedPostgres {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL in this process (PGlite, PostgreSQL compiled to WebAssembly) on `dataDir`,
 * served on a loopback port so that TypeORM uses the same `pg` driver and migrations as with a
 * real server. PGlite runs one session at a time, so clients must use a pool of one connection:
 * the socket server keeps each transaction on its connection, which is what keeps transactions
 * isolated (an in-process driver that shares one session does not).
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  // One pooled connection at a time, but room for a second one: when the pool replaces an idle
  // connection, the new one may arrive before the socket server has seen the old one close.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
