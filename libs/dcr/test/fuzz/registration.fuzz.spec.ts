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
import { checkResponse, failOnProblems, metadataOf } from './response-checks.js';

// Property-based bad-input tests of POST /register (RFC 7591 §3) against the real app and the real
// PostgreSQL server: see README.md in this folder for the property and how to run it longer.

const settings = fuzzSettings();

/**
 * Bugs this property found in the library at commit e97889e (see README.md), as the minimal
 * counterexamples fast-check reported; each was answered 500 there. They run before the random
 * requests of every run, so that none comes back.
 */
const KNOWN_COUNTEREXAMPLES: FuzzRequest[] = [
  // 500: PostgreSQL's jsonb cannot hold U+0000 ("unsupported Unicode escape sequence").
  jsonRequest('{"redirect_uris":["http://127.0.0.1/"],"contacts":["ops@a.example","a\\u0000b"]}'),
  // 500: a lone surrogate is not valid jsonb text ("invalid input syntax for type json").
  jsonRequest('{"redirect_uris":["aa.a:/"],"jwks_uri":"https://a.aa","client_name":"\\ud800"}'),
  // 500: class-transformer walks a known field recursively until the stack overflows. fast-check
  // shrank the depth to 1,308, which depends on the stack; 5,000 overflows any.
  jsonRequest(`{"redirect_uris":${'['.repeat(5000)}null${']'.repeat(5000)}}`),
  // 500: class-transformer takes a "constructor" member for the object's class (TypeError).
  jsonRequest(
    '{"redirect_uris":["http://127.0.0.1/"],"jwks":{"keys":[{"kty":"EC","crv":"P-256","constructor":[]}]}}',
  ),
  // 500 on Express (Fastify's parser refuses constructor.prototype): "targetType is not a constructor".
  jsonRequest(
    '{"redirect_uris":["https://a.aa"],"jwks_uri":"https://a.aa","jwks":{"keys":[],"constructor":{"prototype":{"polluted":"yes"}}}}',
  ),
];

// Body parsers differ between the adapters (Fastify rejects `__proto__` keys, Express keeps
// them as own properties), so the property runs on both.
describe.each(['fastify', 'express'] as const)(
  'POST /register on %s, generated bodies',
  (adapter) => {
    let t: DcrTestApp;
    let client: FuzzHttpClient;
    let serverErrors: { take(): string[] };

    beforeAll(async () => {
      t = await createDcrTestApp({ adapter });
      client = await FuzzHttpClient.listen(t.app, settings.requestTimeoutMs);
      serverErrors = captureServerErrors(t.app);
    });

    afterAll(async () => {
      client?.close();
      await t?.close();
    });

    it(
      'answers 201 or an RFC 7591 error, writes a row only on 201 and reaches no prototype',
      async () => {
        const tally = new FuzzTally(`POST /register (${adapter})`);
        const prototypes = guardPrototypes();
        let registered = await t.countClients();

        try {
          await runFuzz(
            settings,
            fuzzRequest('register'),
            async (request) => {
              const result = await client.send({ method: 'POST', path: '/register', ...request });
              const { outcome, problems } = checkResponse(
                request,
                Buffer.byteLength(request.body),
                result,
                201,
                request.metadata !== undefined,
              );
              tally.record(request.kind, outcome);
              if (outcome.success) {
                registered += 1;
                problems.push(...(await storedProblems(outcome.body)));
              }
              const rows = await t.countClients();
              if (rows !== registered) {
                problems.push(`dcr_client has ${rows} rows after ${registered} answers 201`);
                registered = rows; // so that one stray row is reported once
              }
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

        expect(await t.countClients()).toBe(tally.successes);
        expect(tally.successes).toBeGreaterThan(0);
        expect(tally.runs - tally.successes).toBeGreaterThan(0);
        expect(() => prototypes.check()).not.toThrow();
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      },
      testTimeout(settings),
    );

    /** The stored row holds exactly the metadata the response showed. */
    async function storedProblems(response: Record<string, unknown>): Promise<string[]> {
      const [row] = await t.schema.query<{ metadata: unknown }>(
        'SELECT metadata FROM dcr_client WHERE client_id = $1',
        [response.client_id],
      );
      return isDeepStrictEqual(row?.metadata, metadataOf(response))
        ? []
        : [`the stored metadata ${JSON.stringify(row?.metadata)} is not what the response showed`];
    }
  },
);
