import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ClientAuthenticationService } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { registerClient } from './support/reaper-fixtures.js';

let t: DcrTestApp;
let auth: ClientAuthenticationService;

beforeAll(async () => {
  t = await createDcrTestApp();
  auth = t.app.get(ClientAuthenticationService);
});

afterAll(async () => {
  await t.close();
});

interface Uses {
  first: Date | null;
  last: Date | null;
}

async function usesOf(clientId: string): Promise<Uses> {
  const [row] = await t.schema.query<{ first: Date | null; last: Date | null }>(
    `SELECT first_authenticated_at AS first, last_authenticated_at AS last
       FROM dcr_client WHERE client_id = $1`,
    [clientId],
  );
  return { first: row?.first ?? null, last: row?.last ?? null };
}

const authenticate = (clientId: string) => auth.authenticate({ body: { client_id: clientId } });

describe('the first use of a client', () => {
  it('is unset until the client authenticates, then set with its first authentication', async () => {
    const clientId = await registerClient(t);
    expect(await usesOf(clientId)).toEqual({ first: null, last: null });
    expect((await auth.findClient(clientId))?.firstAuthenticatedAt).toBeNull();

    const authenticated = await authenticate(clientId);
    const uses = await usesOf(clientId);
    expect(uses.first).toBeInstanceOf(Date);
    expect(uses.first).toEqual(uses.last);
    expect(authenticated.firstAuthenticatedAt).toBeInstanceOf(Date);
    expect((await auth.findClient(clientId))?.firstAuthenticatedAt).toEqual(uses.first);
  });

  it('is written once: later authentications move only the last use', async () => {
    const clientId = await registerClient(t);
    await authenticate(clientId);
    // As if the first authentication had been two minutes ago.
    await t.schema.query(
      `UPDATE dcr_client SET first_authenticated_at = first_authenticated_at - interval '2 minutes',
         last_authenticated_at = last_authenticated_at - interval '2 minutes' WHERE client_id = $1`,
      [clientId],
    );
    const before = await usesOf(clientId);
    await authenticate(clientId);
    const after = await usesOf(clientId);
    expect(after.first).toEqual(before.first);
    expect(after.last!.getTime()).toBeGreaterThan(before.last!.getTime());
  });

  it('is one of the concurrent first authentications, and never overwritten by the others', async () => {
    const clientId = await registerClient(t);
    await Promise.all([...Array(10).keys()].map(() => authenticate(clientId)));
    const uses = await usesOf(clientId);
    expect(uses.first).toBeInstanceOf(Date);
    expect(uses.first!.getTime()).toBeLessThanOrEqual(uses.last!.getTime());
    await authenticate(clientId);
    expect((await usesOf(clientId)).first).toEqual(uses.first);
  });
});
