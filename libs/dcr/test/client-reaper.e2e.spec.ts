import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DcrClientReaper } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import {
  DAY,
  TestClientInUse,
  agedClient,
  clientInUseModule,
  reapedEvents,
  remainingClients,
} from './support/reaper-fixtures.js';

const hook = new TestClientInUse();

describe('the reaper with both rules on (never used after 24 hours, idle after 30 days)', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      dcr: { clientReaper: { unusedAfterHours: 24, idleAfterDays: 30 } },
      hostModules: [clientInUseModule(hook)],
    });
  });

  afterAll(async () => {
    await t.close();
  });

  afterEach(async () => {
    hook.answer = () => Promise.resolve(new Set());
    hook.calls.length = 0;
    await t.schema.query('DELETE FROM dcr_client');
  });

  it('deletes never-used and idle clients, keeps recent, recently used and in-use ones', async () => {
    const neverUsed = await agedClient(t, { registeredHoursAgo: 25 });
    const young = await agedClient(t, { registeredHoursAgo: 23 });
    const idle = await agedClient(t, {
      registeredHoursAgo: 90 * DAY,
      firstUsedHoursAgo: 60 * DAY,
      lastUsedHoursAgo: 31 * DAY,
    });
    const recentlyUsed = await agedClient(t, {
      registeredHoursAgo: 90 * DAY,
      firstUsedHoursAgo: 60 * DAY,
      lastUsedHoursAgo: 29 * DAY,
    });
    // Used once, an hour after registration, two days ago: used, so not "never used"; not idle.
    const usedOnce = await agedClient(t, {
      registeredHoursAgo: 49,
      firstUsedHoursAgo: 48,
      lastUsedHoursAgo: 48,
    });
    const idleInUse = await agedClient(t, {
      registeredHoursAgo: 90 * DAY,
      firstUsedHoursAgo: 60 * DAY,
      lastUsedHoursAgo: 31 * DAY,
    });
    const neverUsedInUse = await agedClient(t, { registeredHoursAgo: 25 });
    hook.answer = () => Promise.resolve(new Set([idleInUse, neverUsedInUse]));
    const events = reapedEvents(t);

    const result = await t.app.get(DcrClientReaper).reapNow();

    expect(result).toEqual({ ran: true, reaped: { never_used: 1, idle: 1 }, keptInUse: 2 });
    expect(await remainingClients(t)).toEqual(
      [young, recentlyUsed, usedOnce, idleInUse, neverUsedInUse].sort(),
    );
    // The hook was asked about exactly the candidates, before anything was deleted.
    expect(hook.calls.flat().sort()).toEqual([neverUsed, idle, idleInUse, neverUsedInUse].sort());
    expect(events.map(({ clientId, actor, details }) => ({ clientId, actor, details }))).toEqual(
      expect.arrayContaining([
        { clientId: neverUsed, actor: 'operator', details: { reason: 'never_used' } },
        { clientId: idle, actor: 'operator', details: { reason: 'idle' } },
      ]),
    );
    expect(events).toHaveLength(2);
  });

  it('keeps everything when the hook fails, and says so', async () => {
    const neverUsed = await agedClient(t, { registeredHoursAgo: 25 });
    hook.answer = () => Promise.reject(new Error('token store down'));
    await expect(t.app.get(DcrClientReaper).reapNow()).rejects.toThrow('token store down');
    hook.answer = () => Promise.resolve(['not', 'a', 'set'] as unknown as ReadonlySet<string>);
    await expect(t.app.get(DcrClientReaper).reapNow()).rejects.toThrow(
      'DCR_CLIENT_IN_USE.isInUse must resolve to a Set',
    );
    expect(await remainingClients(t)).toEqual([neverUsed]);
  });

  it('skips a client that another transaction holds (being updated), instead of waiting', async () => {
    const busy = await agedClient(t, { registeredHoursAgo: 25 });
    const free = await agedClient(t, { registeredHoursAgo: 25 });
    const events = reapedEvents(t);
    await t.schema.query('BEGIN');
    try {
      await t.schema.query('SELECT 1 FROM dcr_client WHERE client_id = $1 FOR UPDATE', [busy]);
      const result = await t.app.get(DcrClientReaper).reapNow();
      expect(result.reaped).toEqual({ never_used: 1, idle: 0 });
    } finally {
      await t.schema.query('ROLLBACK');
    }
    expect(await remainingClients(t)).toEqual([busy]);
    expect(events.map((event) => event.clientId)).toEqual([free]);
  });
});

describe('the reaper with only the idle rule on', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({ dcr: { clientReaper: { idleAfterDays: 30 } } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('counts a client that never authenticated as idle since its registration', async () => {
    const old = await agedClient(t, { registeredHoursAgo: 31 * DAY });
    const notOldEnough = await agedClient(t, { registeredHoursAgo: 29 * DAY });
    const events = reapedEvents(t);
    expect(await t.app.get(DcrClientReaper).reapNow()).toEqual({
      ran: true,
      reaped: { never_used: 0, idle: 1 },
      keptInUse: 0,
    });
    expect(await remainingClients(t)).toEqual([notOldEnough]);
    expect(events.map((event) => [event.clientId, event.details.reason])).toEqual([[old, 'idle']]);
  });
});

describe('without the clientReaper option', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('deletes nothing: the reaper is off by default', async () => {
    const ancient = await agedClient(t, { registeredHoursAgo: 10 * 365 * DAY });
    expect(await t.app.get(DcrClientReaper).reapNow()).toEqual({
      ran: true,
      reaped: { never_used: 0, idle: 0 },
      keptInUse: 0,
    });
    expect(await remainingClients(t)).toEqual([ancient]);
  });
});
