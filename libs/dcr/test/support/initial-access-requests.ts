import { expect } from '@jest/globals';
import request from 'supertest';
import type { DcrTestApp } from './dcr-test-app.js';

/** The admin token of the tests that mount the admin API. */
export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';

/** A minted initial access token, as the admin API answers it. */
export interface MintedToken {
  id: string;
  token: string;
  expires_at: number;
  max_uses: number;
  remaining_uses: number;
  [member: string]: unknown;
}

/** Mints a token through the admin API (expects 201). */
export async function mintToken(
  t: DcrTestApp,
  body: Record<string, unknown> = { expires_in: 3600, max_uses: 5 },
): Promise<MintedToken> {
  const response = await request(t.server)
    .post('/admin/initial-access-tokens')
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
    .send(body);
  expect(response.status).toBe(201);
  return response.body as MintedToken;
}

/** POST /register with `body`, presenting `token` as the initial access token when given. */
export function registerWith(
  server: DcrTestApp['server'],
  body: unknown,
  token?: string,
  query = '',
): request.Test {
  const call = request(server).post(`/register${query}`);
  if (token !== undefined) call.set('Authorization', `Bearer ${token}`);
  return call.send(body as object);
}

/** The `remaining_uses` of a token, read from the database. */
export async function remainingUses(t: DcrTestApp, id: string): Promise<number> {
  const [row] = await t.schema.query<{ remaining_uses: number }>(
    'SELECT remaining_uses FROM dcr_initial_access_token WHERE id = $1',
    [id],
  );
  return Number(row?.remaining_uses);
}
