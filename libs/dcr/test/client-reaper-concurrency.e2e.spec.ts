import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestSchema, type TestSchema } from '@agent-runtimes/testing';
import { DcrClientReaper, type DcrEvent } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import {
  TestClientInUse,
  agedClient,
  clientInUseModule,
  reapedEvents,
  remainingClients,
} from './support/reaper-fixtures.js';
import { sleep } from './support/sleep.js';

const neverUsed = { registeredHoursAgo: 2 };
const rules = { unusedAfterHours: 1, batchSize: 3 };

describe('batches', () => {
  const hook = new TestClientInUse();
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      dcr: { clientReaper: rules },
      hostModules: [clientInUseModule(hook)],
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('reap every candidate, batchSize at a time, in client id order', async () => {
    const clients: string[] = [];
    for (let index = 0; index < 10; index++) clients.push(await agedClient(t, neverUsed));
    const events = reapedEvents(t);
    const result = await t.app.get(DcrClientReaper).reapNow();
    expect(result).toEqual({ ran: true, reaped: { never_used: 10, idle: 0 }, keptInUse: 0 });
    expect(hook.calls.map((batch) => batch.length)).toEqual([3, 3, 3, 1]);
    expect(hook.calls.flat()).toEqual([...clients].sort());
    expect(events.map((event) => event.clientId).sort()).toEqual([...clients].sort());
    expect(await remainingClients(t)).toEqual([]);
  });

  it('end a pass that the host keeps every candidate of', async () => {
    hook.calls.length = 0;
    hook.answer = (ids) => Promise.resolve(new Set(ids));
    const clients: string[] = [];
    for (let index = 0; index < 7; index++) clients.push(await agedClient(t, neverUsed));
    const result = await t.app.get(DcrClientReaper).reapNow();
    expect(result).toEqual({ ran: true, reaped: { never_used: 0, idle: 0 }, keptInUse: 7 });
    expect(hook.calls.map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(await remainingClients(t)).toEqual([...clients].sort());
  });
});

describe('two reapers at once on one database', () => {
  let schema: TestSchema;
  let first: DcrTestApp;
  let second: DcrTestApp;
  const firstHook = new TestClientInUse();
  const secondHook = new TestClientInUse();

  beforeAll(async () => {
    schema = await createTestSchema('dcr_reapers');
    first = await createDcrTestApp({
      schema,
      dcr: { clientReaper: rules },
      hostModules: [clientInUseModule(firstHook)],
    });
    second = await createDcrTestApp({
      schema,
      dcr: { clientReaper: rules },
      hostModules: [clientInUseModule(secondHook)],
    });
  });

  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    await schema.drop();
  });

  it('one does the work, the other skips its pass', async () => {
    const clients: string[] = [];
    for (let index = 0; index < 5; index++) clients.push(await agedClient(first, neverUsed));
    // The first reaper is held inside its first batch (its lock taken) until `release`.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inBatch = new Promise<void>((resolve) => (entered = resolve));
    firstHook.answer = async () => {
      entered();
      await released;
      return new Set();
    };
    const firstEvents: DcrEvent[] = reapedEvents(first);
    const secondEvents: DcrEvent[] = reapedEvents(second);

    const firstPass = first.app.get(DcrClientReaper).reapNow();
    await inBatch;
    const secondPass = await second.app.get(DcrClientReaper).reapNow();
    release();

    expect(secondPass).toEqual({ ran: false, reaped: { never_used: 0, idle: 0 }, keptInUse: 0 });
    expect(secondHook.calls).toEqual([]);
    expect(await firstPass).toEqual({
      ran: true,
      reaped: { never_used: 5, idle: 0 },
      keptInUse: 0,
    });
    expect(firstEvents.map((event) => event.clientId).sort()).toEqual([...clients].sort());
    expect(secondEvents).toEqual([]);
    expect(await remainingClients(first)).toEqual([]);
  });
});

describe('the reaper timer', () => {
  it('reaps on its interval, and stops when the app closes', async () => {
    const t = await createDcrTestApp({
      dcr: { clientReaper: { unusedAfterHours: 1, intervalSeconds: 1 } },
    });
    let closed = false;
    try {
      const events = reapedEvents(t);
      const client = await agedClient(t, neverUsed);
      // A hang guard only: the timer fires every second.
      for (let waited = 0; events.length === 0 && waited < 15_000; waited += 100) await sleep(100);
      expect(events.map((event) => event.clientId)).toEqual([client]);

      await t.app.close();
      closed = true;
      // A client the reaper would delete, after the app closed: no pass runs any more.
      await t.schema.query(
        `INSERT INTO dcr_client (client_id, metadata, registration_token_digest, issued_at,
           updated_at, version) VALUES ('after-close', '{}', decode(repeat('00', 32), 'hex'),
           now() - interval '2 hours', now(), 1)`,
      );
      await sleep(2500);
      expect(await remainingClients(t)).toEqual(['after-close']);
    } finally {
      if (!closed) await t.app.close();
      await t.schema.drop();
    }
  });
});
