import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { ClientAuthenticationService, OAuthError } from '../../src/index.js';
import { createDcrTestApp, type DcrTestApp } from '../support/dcr-test-app.js';
import { captureServerErrors, fuzzSettings, testTimeout } from './fuzz-run.js';
import { FuzzHttpClient, type HttpResult } from './http-client.js';
import {
  authorizationValue,
  contentTypeValue,
  pathSegment,
  queryString,
  tokenRequestAuthorization,
  tokenRequestBody,
} from './request-part-arbitraries.js';

// Property-based tests of everything around the body: path parameters, Authorization and
// Content-Type values and query strings on every route of the module, and the form and Basic
// inputs of ClientAuthenticationService. Every answer is a success or an RFC-style 4xx, never a
// 5xx: `GET /register/%00` was a 500 (PostgreSQL refused the NUL), with no credentials at all.

const settings = fuzzSettings();
const ADMIN_TOKEN = 'admin-token-for-the-request-parts-fuzz-0123';

interface Registered {
  client_id: string;
  client_secret?: string;
  registration_access_token: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

describe('request parts around the body, generated', () => {
  let t: DcrTestApp;
  let http: FuzzHttpClient;
  let serverErrors: { take(): string[] };
  let clients: Registered[];

  beforeAll(async () => {
    t = await createDcrTestApp({ adminPath: 'admin', dcr: { adminToken: ADMIN_TOKEN } });
    serverErrors = captureServerErrors(t.app);
    http = await FuzzHttpClient.listen(t.app, settings.requestTimeoutMs);
    clients = await Promise.all(
      ['none', 'client_secret_basic', 'client_secret_post'].map(
        async (method) =>
          (
            await request(t.server)
              .post('/register')
              .send({ redirect_uris: ['https://a.example/cb'], token_endpoint_auth_method: method })
              .expect(201)
          ).body as Registered,
      ),
    );
  });

  afterAll(async () => {
    http?.close();
    await t?.close();
  });

  it(
    'answers every route with a success or an RFC-style 4xx, whatever the path, headers and query',
    async () => {
      // Deleting a real client would spoil later runs: DELETE targets only generated ids.
      const ids = clients.map((client) => client.client_id);
      const tokens = [...clients.map((client) => client.registration_access_token), ADMIN_TOKEN];
      const route = fc.oneof(
        fc.tuple(
          fc.constantFrom<Method>('GET', 'PUT'),
          fc.oneof(pathSegment, fc.constantFrom(...ids)),
        ),
        fc.tuple(fc.constant<Method>('DELETE'), pathSegment),
        fc.tuple(fc.constant<Method>('POST'), fc.constant('')),
        fc.tuple(
          fc.constant<Method>('POST'),
          pathSegment.map((id) => `admin:${id}/registration-token`),
        ),
        fc.tuple(
          fc.constant<Method>('DELETE'),
          pathSegment.map((id) => `admin:${id}`),
        ),
      );
      const body = fc.oneof(
        fc.constant(''),
        fc.constant('{"a":'),
        fc
          .constantFrom(...ids)
          .map((id) => JSON.stringify({ client_id: id, redirect_uris: ['https://a.example/cb'] })),
      );
      const requests = fc.record({
        route,
        query: queryString,
        authorization: authorizationValue(tokens),
        contentType: contentTypeValue,
        body,
      });
      let answered = 0;
      await fc.assert(
        fc.asyncProperty(requests, async (generated) => {
          const [method, target] = generated.route;
          const path = target.startsWith('admin:')
            ? `/admin/clients/${target.slice('admin:'.length)}`
            : `/register${target === '' ? '' : `/${target}`}`;
          const result = await http.send({
            method,
            path: `${path}${generated.query}`,
            body: method === 'GET' || method === 'DELETE' ? '' : generated.body,
            contentType: generated.contentType,
            contentEncoding: undefined,
            authorization: generated.authorization,
            chunked: false,
          });
          const problems = problemsOf(result);
          const logged = serverErrors.take();
          if (problems.length > 0) {
            throw new Error(
              `${method} ${path.slice(0, 200)}${generated.query.slice(0, 100)} answered ${result.status} ` +
                `${result.body.toString('utf8').slice(0, 300)}\n- ${[...problems, ...logged].join('\n- ')}`,
            );
          }
          answered += 1;
        }),
        { numRuns: settings.numRuns, seed: settings.seed, path: settings.path },
      );
      expect(answered).toBeGreaterThanOrEqual(settings.numRuns);
      // The real clients were never deleted, and still authenticate.
      for (const client of clients) {
        await request(t.server)
          .get(`/register/${client.client_id}`)
          .set('Authorization', `Bearer ${client.registration_access_token}`)
          .expect(200);
      }
    },
    testTimeout(settings),
  );

  it(
    'authenticates or refuses every token request with invalid_client or invalid_request',
    async () => {
      const auth = t.app.get(ClientAuthenticationService);
      const ids = clients.map((client) => client.client_id);
      const requests = fc.record({
        authorization: tokenRequestAuthorization(ids),
        body: tokenRequestBody(ids),
      });
      const outcomes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(requests, async ({ authorization, body }) => {
          let outcome: string;
          try {
            const client = await auth.authenticate({ authorization, body });
            outcome = `authenticated ${client.metadata.token_endpoint_auth_method}`;
          } catch (error) {
            if (
              !(error instanceof OAuthError) ||
              !['invalid_client:401', 'invalid_request:400'].includes(
                `${error.error}:${error.status}`,
              )
            ) {
              throw new Error(
                `${JSON.stringify({ authorization, body }).slice(0, 300)} threw ${String(error)}\n` +
                  serverErrors.take().join('\n'),
                { cause: error },
              );
            }
            outcome = `${error.error} ${error.status}`;
          }
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        }),
        { numRuns: settings.numRuns, seed: settings.seed, path: settings.path },
      );
      expect(outcomes.get('invalid_client 401')).toBeGreaterThan(0);
    },
    testTimeout(settings),
  );

  it('answers the counterexamples of the review at once, before any query', async () => {
    for (const path of ['/register/%00', '/register/abc%00def']) {
      const response = await request(t.server)
        .get(path)
        .set('Authorization', `Bearer ${clients[0]?.registration_access_token}`);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        error: 'invalid_token',
        error_description: expect.any(String),
      });
    }
    const auth = t.app.get(ClientAuthenticationService);
    await expect(auth.authenticate({ body: { client_id: '\u0000' } })).rejects.toMatchObject({
      error: 'invalid_client',
      status: 401,
    });
    expect(serverErrors.take()).toEqual([]);
  });
});

/** What is wrong with a response, by the property: a success or an RFC-style 4xx, never a 5xx. */
function problemsOf(result: HttpResult): string[] {
  const problems: string[] = [];
  const text = result.body.toString('utf8');
  if (result.status >= 500) problems.push('a 5xx');
  if (result.status >= 200 && result.status < 300) return problems;
  if (result.status < 400) problems.push(`unexpected status ${result.status}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push('the error body is not JSON');
    return problems;
  }
  const members = body as Record<string, unknown>;
  if (
    typeof members.error !== 'string' ||
    typeof members.error_description !== 'string' ||
    Object.values(members).some((value) => typeof value !== 'string')
  ) {
    problems.push('the error body is not {"error": string, "error_description": string, ...}');
  }
  if (result.headers['cache-control'] !== 'no-store') problems.push('no Cache-Control: no-store');
  return problems;
}
