import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import { RateLimitSweeper } from '../src/rate-limit/rate-limit-sweeper.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { clientOn, register, statuses } from './support/rate-limit-requests.js';
import { sleep } from './support/sleep.js';

// Two app instances on one schema, as two processes behind a load balancer would be.
const from = (address: string) => ({ 'X-Forwarded-For': address });
let schema: TestSchema;
let first: DcrTestApp;
let second: DcrTestApp;

beforeAll(async () => {
  schema = await createTestSchema('dcr_rate_instances');
  const dcr = {
    registrationRateLimit: {
      perClientIp: { limit: 10, windowSeconds: 60 },
      perHost: { limit: 3, windowSeconds: 2 },
    },
    // Each test sends as a client of its own, through "a proxy" on the loopback interface.
    trustedProxies: ['127.0.0.1', '::1'],
  };
  first = await createDcrTestApp({ schema, dcr });
  second = await createDcrTestApp({ schema, dcr });
});

afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
  await schema.drop();
});

describe('two instances on one database', () => {
  it('enforce one limit: of 20 parallel registrations over both, exactly 10 succeed', async () => {
    const answers = await Promise.all(
      [...Array(20).keys()].map((index) =>
        register((index % 2 ? first : second).server, undefined, from('192.0.2.10')),
      ),
    );
    const counted = statuses(answers).reduce<Record<number, number>>((counts, status) => {
      counts[status] = (counts[status] ?? 0) + 1;
      return counts;
    }, {});
    expect(counted).toEqual({ 201: 10, 429: 10 });
    expect(await first.countClients()).toBe(10);
  });
});

describe('expired counters', () => {
  it('are swept by one instance at a time, and only once expired', async () => {
    // The per-host limit has a two-second window; the client address's counter lives a minute.
    await register(first.server, clientOn('sweep.example'), from('192.0.2.20'));
    const count = async () =>
      Number((await schema.query<{ n: string }>('SELECT count(*) AS n FROM dcr_rate_limit'))[0]?.n);
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(2);
    expect(await first.app.get(RateLimitSweeper).sweep()).toBe(0);

    await sleep(2100);
    // While another session holds the sweep's lock, nobody sweeps.
    await schema.query('BEGIN');
    await schema.query(
      `SELECT pg_advisory_xact_lock((x'4443524c'::bigint << 32) | 'dcr_rate_limit'::regclass::oid::bigint)`,
    );
    try {
      expect(await first.app.get(RateLimitSweeper).sweep()).toBe(0);
      expect(await count()).toBe(before);
    } finally {
      await schema.query('ROLLBACK');
    }
    const [swept, alsoSwept] = await Promise.all([
      first.app.get(RateLimitSweeper).sweep(),
      second.app.get(RateLimitSweeper).sweep(),
    ]);
    // The one expired counter is deleted once: by whichever instance swept first (the other found
    // the lock taken or nothing left).
    expect(swept + alsoSwept).toBe(1);
    expect(await count()).toBe(before - 1);
  });

  it('start a new window when hit again after their window ended', async () => {
    const host = clientOn('window.example');
    const answers = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      answers.push(await register(second.server, host, from('192.0.2.30')));
    }
    expect(statuses(answers)).toEqual([201, 201, 201, 429]);
    // The block lasts one window (RFC 6585 §4's Retry-After says so); after it, the count restarts.
    await sleep(2100);
    expect(statuses([await register(first.server, host, from('192.0.2.30'))])).toEqual([201]);
  });
});
