import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { CWD, configOf, problemFor } from './identity-config.spec-helpers.js';

const POSTGRES_URL = 'DATABASE_URL must be a postgres:// or postgresql:// URL';

describe('DATABASE_URL', () => {
  it('is unset by default (the embedded PostgreSQL)', () => {
    expect(configOf({}).databaseUrl).toBeUndefined();
  });

  it.each([
    'postgres://u@h/db',
    'postgresql://app:secret@db.internal:5432/identity?sslmode=require',
  ])('accepts %s exactly as given', (url) => {
    expect(configOf({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  // It usually holds a password: the message never shows the value, not even masked.
  it.each([
    'mysql://admin:hunter2-Secret@db.example.com/identity',
    'postgres//admin:hunter2-Secret@db.example.com/identity',
    'admin:hunter2-Secret',
    'not a url',
    'https://user:pass@host/x',
  ])('refuses %s without echoing any of it', (url) => {
    expect(problemFor({ DATABASE_URL: url })).toBe(POSTGRES_URL);
  });
});

describe('DATA_DIR', () => {
  it('defaults to .data/pglite in the working directory', () => {
    expect(configOf({}).dataDir).toBe(resolve(CWD, '.data/pglite'));
  });

  it('keeps an absolute folder and resolves a relative one against the working directory', () => {
    expect(configOf({ DATA_DIR: '/var/lib/identity' }).dataDir).toBe('/var/lib/identity');
    expect(configOf({ DATA_DIR: 'state/db' }).dataDir).toBe(resolve(CWD, 'state/db'));
  });
});

describe.each([
  ['DATABASE_POOL_SIZE', 'databasePoolSize', 10, 1, 1000],
  ['DATABASE_WAIT_SECONDS', 'databaseWaitSeconds', 60, 0, 3600],
  ['DATABASE_STATEMENT_TIMEOUT_MS', 'databaseStatementTimeoutMs', 10_000, 0, 2 ** 31 - 1],
  ['DATABASE_IDLE_TIMEOUT_MS', 'databaseIdleTimeoutMs', 10_000, 0, 2 ** 31 - 1],
] as const)('%s', (variable, field, fallback, min, max) => {
  it(`defaults to ${fallback}`, () => {
    expect(configOf({})[field]).toBe(fallback);
  });

  it(`accepts its bounds, ${min} and ${max}`, () => {
    expect(configOf({ [variable]: String(min) })[field]).toBe(min);
    expect(configOf({ [variable]: String(max) })[field]).toBe(max);
  });

  it.each([String(min - 1), String(max + 1), '10s', '1.5', ' '])('refuses %p', (value) => {
    const echo = value.trim() === '' ? '' : ` (got "${value}")`;
    expect(problemFor({ [variable]: value })).toBe(
      `${variable} must be a whole number from ${min} to ${max}${echo}`,
    );
  });
});

describe('DATABASE_REPLICA_URLS', () => {
  it('is empty by default', () => {
    expect(configOf({}).databaseReplicaUrls).toEqual([]);
    expect(configOf({ DATABASE_REPLICA_URLS: ' , ' }).databaseReplicaUrls).toEqual([]);
  });

  it('reads comma-separated URLs, ignoring blanks and empty entries', () => {
    expect(
      configOf({
        DATABASE_REPLICA_URLS:
          ' postgres://app:secret@replica-1:5432/identity ,postgresql://replica-2/identity,',
      }).databaseReplicaUrls,
    ).toEqual(['postgres://app:secret@replica-1:5432/identity', 'postgresql://replica-2/identity']);
  });

  it.each([
    ['mysql://admin:hunter2@replica-1/identity', 1],
    ['postgres://replica-1/identity,https://user:pass@host/x', 2],
    ['postgres://replica-1/identity,,admin:hunter2@replica-2', 3],
  ])('refuses %s, naming the bad entry by position only', (value, position) => {
    expect(problemFor({ DATABASE_REPLICA_URLS: value })).toBe(
      `DATABASE_REPLICA_URLS must be a comma-separated list of postgres:// or postgresql:// URLs (entry ${position} is not one)`,
    );
  });
});
