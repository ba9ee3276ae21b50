import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDcrTestApp, type DcrTestApp } from '../support/dcr-test-app.js';
import { fuzzRequest, jsonRequest, type FuzzRequest } from './arbitraries.js';
import { FuzzHttpClient } from './http-client.js';
import {
  FuzzTally,
  captureServerErrors,
  fuzzSettings,
  guardPrototypes,
  runFuzz,
  testTimeout,
} from './fuzz-run.js';
import { CLIENT_SECRET_PLACEHOLDER, fillPlaceholders } from './json-text.js';
import { checkResponse, failOnProblems, metadataOf } from './response-checks.js';

// Property-based bad-input tests of PUT /register/{client_id} (RFC 7592 §2.2) against the real app
// and the real PostgreSQL server: see README.md in this folder.

const settings = fuzzSettings();

/**
 * Bugs this property found in the library at commit e97889e (see README.md), as the minimal
 * counterexamples fast-check reported; each was answered 500 there. They run before the random
 * requests of every run, so that none comes back.
 */
const KNOWN_COUNTEREXAMPLES: FuzzRequest[] = [
  // 500: PostgreSQL's jsonb cannot hold U+0000 ("unsupported Unicode escape sequence").
  jsonRequest(
    '{"client_id":"$client_id$","redirect_uris":["https://a.aa"],"jwks":{"keys":[{"kty":"EC","crv":"P-256","redirect_uris":["https://a.example/\\u0000"]}]}}',
  ),
  // 500: a lone surrogate is not valid jsonb text ("invalid input syntax for type json").
  jsonRequest(
    '{"client_id":"$client_id$","redirect_uris":["http://127.0.0.1/"],"jwks_uri":"https://a.aa","contacts":["ops@a.example","\\ud800"]}',
  ),
  // 500: class-transformer walks a known field recursively until the stack overflows. fast-check
  // shrank the depth to 1,308, which depends on the stack; 5,000 overflows any.
  jsonRequest(
    `{"client_id":"$client_id$","redirect_uris":["aa.a:/"],"jwks":{"keys":[{"kty":"EC","crv":"P-256","redirect_uris":${'['.repeat(5000)}null${']'.repeat(5000)}}]}}`,
  ),
  // 500: class-transformer takes a "constructor" member for the object's class (TypeError).
  jsonRequest(
    '{"client_id":"$client_id$","redirect_uris":["http://127.0.0.1/"],"jwks":{"keys":[{"kty":"EC","crv":"P-256","constructor":[]}]}}',
  ),
];

/** A `dcr_client` row, every column. */
type ClientRow = Record<string, unknown> & {
  metadata: unknown;
  version: number;
  client_secret_digest: Buffer | null;
};

describe('PUT /register/{client_id} on fastify, generated bodies', () => {
  let t: DcrTestApp;
  let client: FuzzHttpClient;
  let serverErrors: { take(): string[] };
  let registered: Record<string, unknown>;

  beforeAll(async () => {
    t = await createDcrTestApp();
    client = await FuzzHttpClient.listen(t.app, settings.requestTimeoutMs);
    serverErrors = captureServerErrors(t.app);
    const response = await client.send({
      method: 'POST',
      path: '/register',
      contentType: 'application/json',
      contentEncoding: undefined,
      chunked: false,
      body: JSON.stringify({
        client_name: 'Fuzzed Client',
        redirect_uris: ['https://app.example/cb'],
        token_endpoint_auth_method: 'client_secret_basic',
      }),
    });
    expect(response.status).toBe(201);
    registered = JSON.parse(response.body.toString('utf8'));
  });

  afterAll(async () => {
    client?.close();
    await t?.close();
  });

  const readRow = async (): Promise<ClientRow | undefined> =>
    (
      await t.schema.query<ClientRow>('SELECT * FROM dcr_client WHERE client_id = $1', [
        registered.client_id,
      ])
    )[0];

  it(
    'answers 200 or an RFC 7591 error, and changes the client only on 200, to what it answered',
    async () => {
      const clientId = String(registered.client_id);
      const path = new URL(String(registered.registration_client_uri)).pathname;
      const authorization = `Bearer ${String(registered.registration_access_token)}`;
      let secret = registered.client_secret as string | undefined;
      let lastMetadata = metadataOf(registered);
      let before = await readRow();
      const tally = new FuzzTally('PUT /register/{client_id} (fastify)');
      const prototypes = guardPrototypes();

      try {
        await runFuzz(
          settings,
          fuzzRequest('update'),
          async (request) => {
            const body = fillPlaceholders(request.body, { clientId, clientSecret: secret });
            const needsSecret =
              typeof request.body === 'string' &&
              request.body.includes(JSON.stringify(CLIENT_SECRET_PLACEHOLDER));
            const result = await client.send({
              ...request,
              method: 'PUT',
              path,
              authorization,
              body,
            });
            const { outcome, problems } = checkResponse(
              request,
              Buffer.byteLength(body),
              result,
              200,
              request.metadata !== undefined && (secret !== undefined || !needsSecret),
            );
            tally.record(request.kind, outcome);
            const after = await readRow();
            if (!before || !after) throw new Error('the client being updated is gone');
            if (outcome.success) {
              problems.push(...updateProblems(before, after, outcome.body));
              lastMetadata = metadataOf(outcome.body);
              // RFC 7592 §2.2: a new secret is returned once; a client moving to `none` has none.
              if (typeof outcome.body.client_secret === 'string') {
                secret = outcome.body.client_secret;
              } else if (outcome.body.client_secret_expires_at === undefined) {
                secret = undefined;
              }
            } else if (!isDeepStrictEqual(after, before)) {
              problems.push(`a ${result.status} answer changed ${changedColumns(before, after)}`);
            }
            before = after;
            const logged = serverErrors.take();
            if (problems.length > 0) {
              problems.push(...logged.map((line) => `the server logged: ${line}`));
            }
            failOnProblems(result, problems);
            prototypes.check();
          },
          KNOWN_COUNTEREXAMPLES,
        );
      } finally {
        console.log(tally.summary());
      }

      const row = await readRow();
      expect(row?.version).toBe(1 + tally.successes);
      expect(row?.metadata).toEqual(lastMetadata);
      expect(await t.countClients()).toBe(1);
      expect(tally.successes).toBeGreaterThan(0);
      expect(tally.runs - tally.successes).toBeGreaterThan(0);
      expect(() => prototypes.check()).not.toThrow();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    testTimeout(settings),
  );
});

/** What is wrong with the row a 200 left: one new version, holding what it answered. */
function updateProblems(
  before: ClientRow,
  after: ClientRow,
  response: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  if (after.version !== before.version + 1) {
    problems.push(`version went from ${before.version} to ${after.version}`);
  }
  if (!isDeepStrictEqual(after.metadata, metadataOf(response))) {
    problems.push(`the stored metadata ${JSON.stringify(after.metadata)} is not what it answered`);
  }
  const secret = response.client_secret;
  if (
    typeof secret === 'string' &&
    !isDeepStrictEqual(after.client_secret_digest, sha256(secret))
  ) {
    problems.push('the stored secret digest is not the digest of the secret returned');
  }
  if (response.client_secret_expires_at === undefined && after.client_secret_digest !== null) {
    problems.push('a client answered without a secret still has a secret digest');
  }
  return problems;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function changedColumns(before: ClientRow, after: ClientRow): string {
  return Object.keys(after)
    .filter((column) => !isDeepStrictEqual(after[column], before[column]))
    .join(', ');
}
