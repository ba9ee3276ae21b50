export { TEST_DATABASE_URL, createTestSchema, type TestSchema } from './test-schema.js';
export { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
export { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
export { PGBOUNCER, freePort, startPgBouncer, type PgBouncer } from './pgbouncer.js';
export { startReplicationPair, type ReplicationPair } from './replication.js';
export { selfSignedCertificate, type TestCertificate } from './self-signed-certificate.js';
export {
  builtAppEnv,
  killAllBuiltApps,
  listeningUrl,
  spawnBuiltApp,
  stripAnsi,
  type BuiltAppProcess,
  type BuiltAppStart,
  type Exit,
} from './built-app-process.js';
