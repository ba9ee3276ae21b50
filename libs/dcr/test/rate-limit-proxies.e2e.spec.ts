import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import {
  expectRateLimited,
  register,
  statuses,
  type Answer,
} from './support/rate-limit-requests.js';

// supertest connects from the loopback interface: the app's peer is 127.0.0.1 (or ::1).
const LOOPBACK = ['127.0.0.1', '::1'];

async function registerFrom(t: DcrTestApp, forwardedFor: readonly string[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const address of forwardedFor) {
    answers.push(await register(t.server, undefined, { 'X-Forwarded-For': address }));
  }
  return answers;
}

describe('X-Forwarded-For from a peer that is not a trusted proxy', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      dcr: {
        registrationRateLimit: { perClientIp: { limit: 2, windowSeconds: 60 } },
        trustedProxies: ['10.0.0.0/8'],
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('is ignored: every request counts under the peer, whatever address it claims', async () => {
    const answers = await registerFrom(t, ['192.0.2.1', '192.0.2.2', '192.0.2.3']);
    expect(statuses(answers)).toEqual([201, 201, 429]);
    expectRateLimited(answers[2], 'slow_down', 'rate_limit_per_client_ip', 60);
  });
});

describe('X-Forwarded-For from a trusted proxy', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      dcr: {
        registrationRateLimit: { perClientIp: { limit: 2, windowSeconds: 60 } },
        trustedProxies: LOOPBACK,
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('is honoured: each client the proxy forwards for has a limit of its own', async () => {
    const answers = await registerFrom(t, [
      '198.51.100.1',
      '198.51.100.2',
      '198.51.100.1',
      '198.51.100.2',
    ]);
    expect(statuses(answers)).toEqual([201, 201, 201, 201]);
    const third = await registerFrom(t, ['198.51.100.1']);
    expect(statuses(third)).toEqual([429]);
  });

  it('counts the rightmost untrusted address: what the client wrote before it is ignored', async () => {
    const answers = await registerFrom(t, [
      '203.0.113.50',
      '1.1.1.1, 203.0.113.50',
      '8.8.8.8, 9.9.9.9, 203.0.113.50',
    ]);
    expect(statuses(answers)).toEqual([201, 201, 429]);
  });

  it('counts an IPv6 client by its /64', async () => {
    const answers = await registerFrom(t, ['2001:db8:7::1', '2001:db8:7::2', '2001:db8:7::ffff']);
    expect(statuses(answers)).toEqual([201, 201, 429]);
  });

  it('counts the proxy itself when what it forwarded is not an address', async () => {
    const answers = await registerFrom(t, ['unknown', 'garbage', 'evil']);
    expect(statuses(answers)).toEqual([201, 201, 429]);
  });
});

describe('on the Express adapter', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      adapter: 'express',
      dcr: {
        registrationRateLimit: { perClientIp: { limit: 1, windowSeconds: 60 } },
        trustedProxies: LOOPBACK,
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('reads the peer and X-Forwarded-For the same way, and answers the same 429', async () => {
    const answers = await registerFrom(t, ['198.51.100.1', '198.51.100.1', '198.51.100.2']);
    expect(statuses(answers)).toEqual([201, 429, 201]);
    expectRateLimited(answers[1], 'slow_down', 'rate_limit_per_client_ip', 60);
  });
});
