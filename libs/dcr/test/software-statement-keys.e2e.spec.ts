import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { registerWith } from './support/initial-access-requests.js';
import { startHttpFixture, type FixtureServer } from './support/outbound-fixtures.js';
import { publicClient } from './support/registration-requests.js';
import { statementIssuer, type TestStatementIssuer } from './support/statement-issuer.js';

// Issuers publishing their keys at a jwks_uri, served by loopback fixtures that the module's
// OutboundFetcher may reach only with its test-only switch.
describe('software statement issuers with a jwks_uri', () => {
  let t: DcrTestApp;
  let rotating: TestStatementIssuer;
  let guarded: TestStatementIssuer;
  let keys: FixtureServer;
  let failing: FixtureServer;
  let downPort: number;
  const fetches: Record<string, number> = { rotating: 0, guarded: 0 };

  beforeAll(async () => {
    rotating = await statementIssuer('https://rotating.issuer.example', 'ES256');
    guarded = await statementIssuer('https://guarded.issuer.example', 'EdDSA');
    keys = await startHttpFixture((request, response) => {
      const name = request.url === '/rotating/jwks' ? 'rotating' : 'guarded';
      fetches[name] = (fetches[name] ?? 0) + 1;
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify((name === 'rotating' ? rotating : guarded).jwks));
    });
    failing = await startHttpFixture((_request, response) => {
      response.statusCode = 503;
      response.end('{}');
    });
    const down = await startHttpFixture(() => undefined);
    downPort = down.port;
    await down.close();
    const base = `http://127.0.0.1:${keys.port}`;
    t = await createDcrTestApp({
      dcr: {
        outbound: { allowLoopbackHttp: true },
        softwareStatementIssuers: [
          {
            issuer: rotating.issuer,
            jwksUri: `${base}/rotating/jwks`,
            algorithms: ['ES256'],
            // Refetch at once for an unknown kid, so the rotation test needs no wait.
            jwksCooldownSeconds: 0,
          },
          {
            issuer: guarded.issuer,
            jwksUri: `${base}/guarded/jwks`,
            algorithms: ['EdDSA'],
            jwksCooldownSeconds: 600,
          },
          {
            issuer: 'https://down.issuer.example',
            jwksUri: `http://127.0.0.1:${downPort}/jwks`,
            algorithms: ['ES256'],
          },
          {
            issuer: 'https://failing.issuer.example',
            jwksUri: `http://127.0.0.1:${failing.port}/jwks`,
            algorithms: ['ES256'],
          },
        ],
      },
    });
  });

  afterAll(async () => {
    await t?.close();
    await keys?.close();
    await failing?.close();
  });

  it('fetches the key set once and keeps it for later statements', async () => {
    await registerWith(t.server, {
      ...publicClient,
      software_statement: await rotating.sign(),
    }).expect(201);
    await registerWith(t.server, {
      ...publicClient,
      software_statement: await rotating.sign(),
    }).expect(201);
    expect(fetches.rotating).toBe(1);
  });

  it('fetches it again for a statement signed with a rotated key (a new kid)', async () => {
    const before = fetches.rotating ?? 0;
    await rotating.rotate();
    const statement = await rotating.sign({ software_id: 'after-rotation' });
    const response = await registerWith(t.server, {
      ...publicClient,
      software_statement: statement,
    }).expect(201);
    expect(response.body.software_id).toBe('after-rotation');
    expect(fetches.rotating).toBe(before + 1);
  });

  it('fetches at most once per cooldown for statements naming unknown keys', async () => {
    await registerWith(t.server, {
      ...publicClient,
      software_statement: await guarded.sign(),
    }).expect(201);
    expect(fetches.guarded).toBe(1);
    for (const kid of ['made-up-1', 'made-up-2', 'made-up-3']) {
      const response = await registerWith(t.server, {
        ...publicClient,
        software_statement: await guarded.sign({}, { kid }),
      }).expect(400);
      expect(response.body).toMatchObject({
        error: 'invalid_software_statement',
        field: '/software_statement',
      });
      expect(response.body.error_description).toMatch(/no key of issuer/);
    }
    expect(fetches.guarded).toBe(1);
  });

  it('answers 400 unapproved_software_statement naming the reason when the jwks_uri is down, never a 500', async () => {
    const down = await statementIssuer('https://down.issuer.example', 'ES256');
    const before = await t.countClients();
    const response = await registerWith(t.server, {
      ...publicClient,
      software_statement: await down.sign(),
    }).expect(400);
    expect(response.body).toMatchObject({
      error: 'unapproved_software_statement',
      policy: 'trusted_software_statement_issuers',
      field: '/software_statement',
    });
    expect(response.body.error_description).toMatch(
      /^software_statement: the keys of issuer 'https:\/\/down\.issuer\.example' are unavailable: 127\.0\.0\.1:\d+: could not connect \(ECONNREFUSED\) \(network\)/,
    );
    expect(response.body.error_description).not.toContain('/jwks');
    expect(await t.countClients()).toBe(before);
  });

  it('answers the same for an issuer whose jwks_uri answers an error status', async () => {
    const failingIssuer = await statementIssuer('https://failing.issuer.example', 'ES256');
    const response = await registerWith(t.server, {
      ...publicClient,
      software_statement: await failingIssuer.sign(),
    }).expect(400);
    expect(response.body.error).toBe('unapproved_software_statement');
    expect(response.body.error_description).toMatch(/503.*\(http_status\)/);
  });
});
