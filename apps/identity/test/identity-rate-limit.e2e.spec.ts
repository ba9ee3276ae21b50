import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { type RunningApp, useIdentityOnTestSchema } from './support/in-process-identity.js';
import { PUBLIC_CLIENT } from './support/public-client.js';

// One schema for the file: each test counts under client addresses of its own.
const { startApp, schema } = useIdentityOnTestSchema();

const register = (app: RunningApp, forwardedFor?: string) => {
  const post = request(app.server).post('/register').set('Content-Type', 'application/json');
  if (forwardedFor) post.set('X-Forwarded-For', forwardedFor);
  return post.send(PUBLIC_CLIENT);
};

async function statusesOf(app: RunningApp, count: number, forwardedFor?: string) {
  const statuses: number[] = [];
  for (let index = 0; index < count; index++) {
    statuses.push((await register(app, forwardedFor)).status);
  }
  return statuses;
}

describe('registration rate limits from the environment', () => {
  it('are on by default: the 121st registration in a minute from one address is refused', async () => {
    const app = await startApp({});
    const statuses = await statusesOf(app, 120);
    expect(new Set(statuses)).toEqual(new Set([201]));
    const refused = await register(app);
    expect(refused.status).toBe(429);
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body).toEqual({
      error: 'slow_down',
      error_description: expect.stringContaining('(more than 120 in 60 seconds)'),
      policy: 'rate_limit_per_client_ip',
    });
  });

  it('REGISTRATION_RATE_LIMIT=off lets every registration through', async () => {
    const app = await startApp({ REGISTRATION_RATE_LIMIT: 'off' });
    // The loopback address is over the default limit since the test above; off, nothing counts.
    expect(new Set(await statusesOf(app, 125))).toEqual(new Set([201]));
  });

  it('TRUSTED_PROXIES: X-Forwarded-For from those peers names the client', async () => {
    const app = await startApp({
      REGISTRATION_RATE_LIMIT: '2/60',
      TRUSTED_PROXIES: '127.0.0.1,::1',
    });
    expect(await statusesOf(app, 3, '198.51.100.1')).toEqual([201, 201, 429]);
    expect(await statusesOf(app, 2, '198.51.100.2')).toEqual([201, 201]);
  });

  it('holds across two instances on one database: exactly 10 of 20 get through', async () => {
    const env = { REGISTRATION_RATE_LIMIT: '10/60', TRUSTED_PROXIES: '127.0.0.1,::1' };
    const [first, second] = [await startApp(env), await startApp(env)];
    const answers = await Promise.all(
      [...Array(20).keys()].map((index) =>
        register(index % 2 ? first : second, '203.0.113.77').then((response) => response.status),
      ),
    );
    expect(answers.filter((status) => status === 201)).toHaveLength(10);
    expect(answers.filter((status) => status === 429)).toHaveLength(10);
    const [row] = await schema().query<{ hits: number }>(
      'SELECT max(hits) AS hits FROM dcr_rate_limit',
    );
    expect(row?.hits).toBeGreaterThanOrEqual(11);
  });
});
