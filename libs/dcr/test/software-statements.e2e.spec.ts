import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { registerWith } from './support/initial-access-requests.js';
import { publicClient } from './support/registration-requests.js';
import { statementIssuer, type TestStatementIssuer } from './support/statement-issuer.js';

// Statements signed with keys generated here, by issuers the module trusts through a static JWK Set.
describe('software statements (RFC 7591 §2.3, §3.1.1)', () => {
  let t: DcrTestApp;
  const issuers: Record<string, TestStatementIssuer> = {};

  beforeAll(async () => {
    for (const alg of ['RS256', 'ES256', 'EdDSA']) {
      issuers[alg] = await statementIssuer(`https://${alg.toLowerCase()}.issuer.example`, alg);
    }
    const restricted = await statementIssuer('https://restricted.issuer.example', 'ES256');
    issuers.restricted = restricted;
    t = await createDcrTestApp({
      dcr: {
        softwareStatementIssuers: [
          ...['RS256', 'ES256', 'EdDSA'].map((alg) => ({
            issuer: issuers[alg].issuer,
            jwks: issuers[alg].jwks,
            algorithms: [alg],
          })),
          {
            issuer: restricted.issuer,
            jwks: restricted.jwks,
            algorithms: ['ES256'],
            allowedFields: ['software_id', 'software_version', 'client_name'],
          },
        ],
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it.each(['RS256', 'ES256', 'EdDSA'])(
    'registers with a %s statement: its claims win, and it is stored and echoed unmodified',
    async (alg) => {
      const statement = await issuers[alg].sign({
        software_id: `sw-${alg}`,
        software_version: '2.0',
        client_name: 'Name from the statement',
      });
      const response = await registerWith(t.server, {
        ...publicClient,
        client_name: 'Name from the body',
        software_id: 'body-software',
        software_statement: statement,
      }).expect(201);
      expect(response.body).toMatchObject({
        client_name: 'Name from the statement',
        software_id: `sw-${alg}`,
        software_version: '2.0',
        software_statement: statement,
        redirect_uris: publicClient.redirect_uris,
      });
      const [row] = await t.schema.query<{ metadata: Record<string, unknown> }>(
        'SELECT metadata FROM dcr_client WHERE client_id = $1',
        [response.body.client_id],
      );
      expect(row?.metadata).toMatchObject({
        client_name: 'Name from the statement',
        software_id: `sw-${alg}`,
        software_statement: statement,
      });
      // RFC 7592 §2.1: the read returns it too.
      const read = await request(t.server)
        .get(new URL(response.body.registration_client_uri as string).pathname)
        .set('Authorization', `Bearer ${response.body.registration_access_token}`)
        .expect(200);
      expect(read.body.software_statement).toBe(statement);
    },
  );

  it('validates the effective metadata: a bad value in the statement is refused', async () => {
    const statement = await issuers.ES256.sign({ redirect_uris: ['javascript:alert(1)'] });
    const response = await registerWith(t.server, {
      ...publicClient,
      software_statement: statement,
    }).expect(400);
    expect(response.body.error).toBe('invalid_redirect_uri');
  });

  it('refuses a statement of an unknown issuer: 400 unapproved_software_statement', async () => {
    const stranger = await statementIssuer('https://stranger.example', 'ES256');
    const response = await registerWith(t.server, {
      ...publicClient,
      software_statement: await stranger.sign(),
    }).expect(400);
    expect(response.body).toEqual({
      error: 'unapproved_software_statement',
      error_description:
        "software_statement: issuer 'https://stranger.example' is not trusted (policy trusted_software_statement_issuers)",
      policy: 'trusted_software_statement_issuers',
      field: '/software_statement',
    });
  });

  it.each([
    [
      'a signature by another key',
      async () => (await statementIssuer(issuers.ES256.issuer, 'ES256')).sign(),
      /signature does not verify/,
    ],
    [
      'an expired statement',
      () => issuers.ES256.sign({ exp: Math.floor(Date.now() / 1000) - 3600 }),
      /has expired/,
    ],
    [
      'nbf in the future',
      () => issuers.ES256.sign({ nbf: Math.floor(Date.now() / 1000) + 3600 }),
      /not valid yet/,
    ],
    [
      'the wrong algorithm',
      async () => (await statementIssuer(issuers.ES256.issuer, 'RS256')).sign(),
      /algorithm/,
    ],
    ['a malformed statement', () => Promise.resolve('not.a.jwt'), /signed JWT/],
    [
      'an unsigned statement',
      () => Promise.resolve('eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.'),
      /signed JWT/,
    ],
  ])('refuses %s: 400 invalid_software_statement', async (_case, make, description) => {
    const before = await t.countClients();
    const response = await registerWith(t.server, {
      ...publicClient,
      software_statement: await make(),
    }).expect(400);
    expect(response.body).toMatchObject({
      error: 'invalid_software_statement',
      field: '/software_statement',
    });
    expect(response.body.error_description).toMatch(description);
    expect(await t.countClients()).toBe(before);
  });

  it('refuses a statement that sets a member its issuer may not set, naming the member', async () => {
    const statement = await issuers.restricted.sign({
      software_id: 'sw',
      redirect_uris: ['https://elsewhere.example/cb'],
    });
    const response = await registerWith(t.server, {
      ...publicClient,
      software_statement: statement,
    }).expect(400);
    expect(response.body).toMatchObject({
      error: 'unapproved_software_statement',
      policy: 'software_statement_issuer_fields',
      field: '/software_statement',
    });
    expect(response.body.error_description).toMatch(/may not set redirect_uris/);
    const allowed = await issuers.restricted.sign({ software_id: 'sw', client_name: 'ok' });
    await registerWith(t.server, { ...publicClient, software_statement: allowed }).expect(201);
  });

  it('verifies a statement in an RFC 7592 update too, and replaces the registration with its claims', async () => {
    const registered = (await registerWith(t.server, publicClient).expect(201)).body as Record<
      string,
      string
    >;
    const path = new URL(registered.registration_client_uri).pathname;
    const auth = `Bearer ${registered.registration_access_token}`;
    const forged = await (await statementIssuer(issuers.EdDSA.issuer, 'EdDSA')).sign();
    await request(t.server)
      .put(path)
      .set('Authorization', auth)
      .send({ ...publicClient, client_id: registered.client_id, software_statement: forged })
      .expect(400);
    const statement = await issuers.EdDSA.sign({ software_id: 'updated-sw' });
    const updated = await request(t.server)
      .put(path)
      .set('Authorization', auth)
      .send({
        ...publicClient,
        client_id: registered.client_id,
        software_id: 'x',
        software_statement: statement,
      })
      .expect(200);
    expect(updated.body).toMatchObject({
      software_id: 'updated-sw',
      software_statement: statement,
    });
  });
});

describe('a required software statement', () => {
  let t: DcrTestApp;
  let issuer: TestStatementIssuer;

  beforeAll(async () => {
    issuer = await statementIssuer('https://required.issuer.example', 'ES256');
    t = await createDcrTestApp({
      dcr: {
        softwareStatementIssuers: [
          { issuer: issuer.issuer, jwks: issuer.jwks, algorithms: ['ES256'] },
        ],
        registration: { rules: { requireSoftwareStatement: true } },
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses a registration without one, naming the rule and the member', async () => {
    const response = await registerWith(t.server, publicClient).expect(400);
    expect(response.body).toEqual({
      error: 'invalid_software_statement',
      error_description:
        'software_statement: a software statement from a trusted issuer is required (RFC 7591 section 2.3); a rule of the module rules (policy require_software_statement)',
      policy: 'require_software_statement',
      field: '/software_statement',
    });
  });

  it('registers with one', async () => {
    await registerWith(t.server, {
      ...publicClient,
      software_statement: await issuer.sign(),
    }).expect(201);
  });
});
