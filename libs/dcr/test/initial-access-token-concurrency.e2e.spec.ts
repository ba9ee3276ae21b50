import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import {
  ADMIN_TOKEN,
  mintToken,
  registerWith,
  remainingUses,
} from './support/initial-access-requests.js';
import { publicClient } from './support/registration-requests.js';

// Two app instances on one schema, as two processes behind a load balancer would be: the use count
// lives in PostgreSQL, so the limit must hold across instances.
describe('initial access token uses, concurrently over two instances', () => {
  let first: DcrTestApp;
  let second: DcrTestApp;

  beforeAll(async () => {
    const options = {
      adminPath: 'admin',
      dcr: { adminToken: ADMIN_TOKEN, registration: { mode: 'protected' as const } },
    };
    first = await createDcrTestApp(options);
    second = await createDcrTestApp({ ...options, schema: first.schema });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it.each([1, 2, 3])(
    'with 2 uses left, exactly 2 of 10 parallel registrations get 201 (round %i)',
    async () => {
      const minted = await mintToken(first, { expires_in: 3600, max_uses: 2 });
      const before = await first.countClients();
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          registerWith((index % 2 === 0 ? first : second).server, publicClient, minted.token),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([201, 201, 401, 401, 401, 401, 401, 401, 401, 401]);
      for (const response of responses.filter((candidate) => candidate.status === 401)) {
        expect(response.body.error).toBe('invalid_token');
        expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
      }
      expect(await first.countClients()).toBe(before + 2);
      expect(await remainingUses(first, minted.id)).toBe(0);
      const rows = await first.schema.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM dcr_client WHERE initial_access_token_id = $1',
        [minted.id],
      );
      expect(rows[0]?.n).toBe(2);
    },
  );
});
