import { expect } from '@jest/globals';
import request from 'supertest';
import type { DcrTestApp } from './dcr-test-app.js';
import { publicClient } from './registration-requests.js';

/** A registration answer, as the rate-limit tests look at it. */
export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | undefined>;
  readonly body: Record<string, unknown>;
}

/** POST /register with `body` (a public loopback client by default) and extra headers. */
export async function register(
  server: DcrTestApp['server'],
  body: unknown = publicClient,
  headers: Record<string, string> = {},
): Promise<Answer> {
  // Sent as JSON text, so that bodies that are not objects (a number, null) can be sent too.
  const response = await request(server)
    .post('/register')
    .set({ 'Content-Type': 'application/json', ...headers })
    .send(JSON.stringify(body));
  return {
    status: response.status,
    headers: response.headers,
    body: response.body as Record<string, unknown>,
  };
}

/** A public client whose only redirect URI is on `host`. */
export const clientOn = (host: string, extra: object = {}) => ({
  ...publicClient,
  redirect_uris: [`https://${host}/callback`],
  ...extra,
});

/** The statuses of `answers`, in order. */
export const statuses = (answers: readonly Answer[]) => answers.map((answer) => answer.status);

/**
 * Checks an answer is the 429 of a rate limit: `Retry-After` in whole seconds within the window,
 * `Cache-Control: no-store`, and the RFC-style body naming the limit.
 */
export function expectRateLimited(
  answer: Answer,
  error: 'slow_down' | 'temporarily_unavailable',
  policy: string,
  windowSeconds: number,
): void {
  expect(answer.status).toBe(429);
  expect(answer.headers['cache-control']).toBe('no-store');
  const retryAfter = Number(answer.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= windowSeconds).toBe(true);
  expect(answer.body).toEqual({
    error,
    error_description: expect.stringContaining(`retry after ${retryAfter} seconds`),
    policy,
  });
}
