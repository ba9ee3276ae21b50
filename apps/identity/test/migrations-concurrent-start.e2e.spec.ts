import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import { DCR_MIGRATIONS } from '@agent-runtimes/dcr';
import { IDENTITY_MIGRATIONS } from '../src/database/migrations/index.js';
import {
  assertBuilt,
  killAllApps,
  startApp,
  stopApp,
  type RunningApp,
} from './support/identity-process.js';
import { databaseUrlFor } from './support/test-database-url.js';

// Instances started at the same moment on an empty database: each runs the migrations at start.
// Without a lock, two of them both saw a migration pending, and the second exited with a
// duplicate-object error. The migrations run under a PostgreSQL advisory lock.
const INSTANCES = 4;
const TIMEOUT_MS = 120_000;

describe('instances started at once on an empty database', () => {
  let schema: TestSchema;
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    assertBuilt();
    schema = await createTestSchema('identity_migrate');
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => stopApp(app)));
    await killAllApps();
    await schema.drop();
  });

  it(
    'all come up, and every migration ran exactly once',
    async () => {
      const env = {
        DATABASE_URL: databaseUrlFor(schema, 'identity-migrate'),
        DATABASE_POOL_SIZE: '2',
      };
      const started = await Promise.allSettled(
        Array.from({ length: INSTANCES }, () => startApp(env)),
      );
      for (const result of started) if (result.status === 'fulfilled') apps.push(result.value);
      expect(started.map((result) => result.status)).toEqual(Array(INSTANCES).fill('fulfilled'));

      const rows = await schema.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
      expect(rows.map((row) => row.name)).toEqual(
        [...DCR_MIGRATIONS, ...IDENTITY_MIGRATIONS].map((migration) => migration.name),
      );
      // The signing and cookie keys were created once, under a lock, and are shared.
      const keys = await schema.query<{ use: string; alg: string | null }>(
        'SELECT use, alg FROM identity_key ORDER BY use, alg',
      );
      expect(keys).toEqual([
        { use: 'cookie', alg: null },
        { use: 'sig', alg: 'ES256' },
        { use: 'sig', alg: 'RS256' },
      ]);
      for (const app of apps) {
        const response = await fetch(`${app.url}/register`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            redirect_uris: ['http://127.0.0.1/cb'],
            token_endpoint_auth_method: 'none',
          }),
        });
        expect(response.status).toBe(201);
      }
    },
    TIMEOUT_MS,
  );
});
