import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { publicClient } from './support/registration-requests.js';
import {
  clientOn,
  expectRateLimited,
  register,
  statuses,
  type Answer,
} from './support/rate-limit-requests.js';

let t: DcrTestApp;

beforeAll(async () => {
  t = await createDcrTestApp({
    dcr: {
      registrationRateLimit: {
        perClientIp: { limit: 1000, windowSeconds: 60 },
        perHost: { limit: 2, windowSeconds: 60 },
      },
    },
  });
});

afterAll(async () => {
  await t.close();
});

async function registerEach(bodies: unknown[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const body of bodies) answers.push(await register(t.server, body));
  return answers;
}

describe('the per-host limit', () => {
  it('counts registrations by the hosts of their redirect URIs', async () => {
    const answers = await registerEach([
      clientOn('app-a.example'),
      clientOn('APP-A.example', { redirect_uris: ['https://app-a.example/other'] }),
      clientOn('app-a.example'),
      clientOn('app-b.example'),
    ]);
    expect(statuses(answers)).toEqual([201, 201, 429, 201]);
    expectRateLimited(answers[2], 'slow_down', 'rate_limit_per_redirect_host', 60);
  });

  it('counts a set of hosts as one key, whatever the order', async () => {
    const both = (first: string, second: string) =>
      clientOn(first, { redirect_uris: [`https://${first}/cb`, `https://${second}/cb`] });
    const answers = await registerEach([
      both('set-a.example', 'set-b.example'),
      both('set-b.example', 'set-a.example'),
      both('set-a.example', 'set-b.example'),
    ]);
    expect(statuses(answers)).toEqual([201, 201, 429]);
  });

  it('counts by software_id when the request has one, whatever its hosts', async () => {
    const answers = await registerEach([
      clientOn('sw-1.example', { software_id: 'agent-7' }),
      clientOn('sw-2.example', { software_id: 'agent-7' }),
      clientOn('sw-3.example', { software_id: 'agent-7' }),
      clientOn('sw-3.example', { software_id: 'agent-8' }),
    ]);
    expect(statuses(answers)).toEqual([201, 201, 429, 201]);
    expectRateLimited(answers[2], 'slow_down', 'rate_limit_per_software_id', 60);
  });

  it('does not count loopback-only registrations: every native app shares those hosts', async () => {
    const answers = await registerEach([...Array(5).keys()].map(() => publicClient));
    expect(new Set(statuses(answers))).toEqual(new Set([201]));
  });
});

describe('a hostile body, read before it is validated', () => {
  it.each([
    ['an array', [clientOn('h.example')]],
    ['a string', 'redirect_uris'],
    ['a number', 42],
    ['null', null],
    ['redirect_uris of the wrong type', { redirect_uris: { 0: 'https://h.example/cb' } }],
    ['non-string redirect URIs', { redirect_uris: [42, null, {}, ['https://h.example/cb']] }],
    ['a software_id object', { software_id: { length: 1 }, redirect_uris: 'x' }],
    ['__proto__ members', JSON.parse('{"__proto__": {"software_id": "x"}, "redirect_uris": 1}')],
  ])('%s: the RFC error of the body, never a 500', async (_name, body) => {
    const answer = await register(t.server, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual(expect.stringMatching(/^invalid_/));
  });

  it("a body that is not JSON: the body parser's 400, never a 500", async () => {
    const response = await request(t.server)
      .post('/register')
      .set('Content-Type', 'application/json')
      .send('{"redirect_uris": [');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_client_metadata' });
  });

  it('a thousand redirect URIs: only the first twenty hosts make the key', async () => {
    const uris = [...Array(1000).keys()].map((index) => `https://many-${index}.example/cb`);
    const answers = await registerEach([
      { ...publicClient, redirect_uris: uris },
      { ...publicClient, redirect_uris: [...uris.slice(0, 20), 'https://other.example/cb'] },
      { ...publicClient, redirect_uris: uris.slice(0, 20) },
    ]);
    // One key for the three: the second key reads no further than the twentieth URI. The first is
    // refused by validation (too many URIs) but counted: the limit comes before validation.
    expect(statuses(answers)).toEqual([400, 201, 429]);
  });
});
