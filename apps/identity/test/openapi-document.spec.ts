// First: the health controller must see @nestjs/swagger as the built app does.
import './support/swagger-for-terminus-under-jest.js';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compileErrors, validate } from '@readme/openapi-parser';
import type {
  MediaTypeObject,
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SecuritySchemeObject,
} from '@nestjs/swagger';
import request from 'supertest';
import { DCR_ADMIN_API_TAG } from '@agent-runtimes/dcr';
import {
  DOCUMENTED_ENV,
  generateOpenApiDocument,
  serializeOpenApiDocument,
} from '../src/openapi/generate-openapi-document.js';
import {
  startIdentityOnTestSchema,
  type IdentityOnTestSchema,
} from './support/identity-on-test-schema.js';

const OPENAPI_JSON = fileURLToPath(new URL('../../../openapi.json', import.meta.url));
const REGENERATE =
  '`npm run openapi` (or `npx nx run identity:build && ' +
  'node apps/identity/dist/openapi/write-openapi-document.js openapi.json`)';
const ERROR_SCHEMA_REF = '#/components/schemas/OAuthErrorResponseDto';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/**
 * Every status code each operation can answer with (`"METHOD /path"`, paths as OpenAPI writes
 * them). A new operation must be added here, so that its answers are looked at too. Every
 * operation that reads or writes the database can also answer 503 `temporarily_unavailable` when
 * the database is unreachable (libs/dcr/src/http/to-oauth-error.ts); readiness answers 503 when the
 * database does not answer.
 */
const STATUS_CODES: Record<string, string[]> = {
  'POST /register': ['200', '201', '400', '401', '403', '413', '503'],
  'GET /register/{client_id}': ['200', '401', '503'],
  'PUT /register/{client_id}': ['200', '400', '401', '413', '503'],
  'DELETE /register/{client_id}': ['204', '401', '503'],
  'POST /admin/clients/{client_id}/registration-token': ['201', '401', '404', '503'],
  'DELETE /admin/clients/{client_id}': ['204', '401', '404', '503'],
  'POST /admin/clients/{client_id}/approval': ['204', '401', '404', '503'],
  'POST /admin/initial-access-tokens': ['201', '400', '401', '413', '503'],
  'GET /admin/initial-access-tokens': ['200', '401', '503'],
  'DELETE /admin/initial-access-tokens/{id}': ['204', '401', '404', '503'],
  'POST /admin/signing-keys/rotate': ['200', '401', '503'],
  'GET /admin/consents': ['200', '400', '401', '503'],
  'DELETE /admin/consents/{subject}/{client_id}': ['204', '401', '404', '503'],
  'GET /.well-known/oauth-authorization-server': ['200'],
  'GET /.well-known/openid-configuration': ['200'],
  'GET /health': ['200'],
  'GET /health/ready': ['200', '503'],
};

interface DocumentedOperation {
  key: string;
  path: string;
  method: string;
  operation: OperationObject;
}

function operationsOf(document: OpenAPIObject): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ key: `${method.toUpperCase()} ${path}`, path, method, operation }] : [];
    }),
  );
}

function operationById(document: OpenAPIObject, operationId: string): OperationObject {
  const found = operationsOf(document).find(
    ({ operation }) => operation.operationId === operationId,
  );
  if (!found) throw new Error(`no operation ${operationId} in the document`);
  return found.operation;
}

function isReference(value: object): value is ReferenceObject {
  return '$ref' in value;
}

function jsonMediaType(body: ResponseObject | RequestBodyObject | ReferenceObject | undefined) {
  if (!body || isReference(body)) return undefined;
  return body.content?.['application/json'];
}

function hasExample(media: MediaTypeObject | undefined): boolean {
  return media?.example !== undefined || Object.keys(media?.examples ?? {}).length > 0;
}

let app: IdentityOnTestSchema | undefined;
/** What Fastify was asked to serve, as `"METHOD /path"`, Swagger UI's own routes excluded. */
const servedRoutes = new Set<string>();
let served: OpenAPIObject;

beforeAll(async () => {
  // Configured as the committed document is (the admin API mounted), so that the two can be compared.
  app = await startIdentityOnTestSchema(
    'openapi',
    { ...DOCUMENTED_ENV, ISSUER: 'http://localhost:3000' },
    (identity) => {
      identity.app
        .getHttpAdapter()
        .getInstance()
        .addHook('onRoute', (route) => {
          for (const method of [route.method].flat()) {
            // Fastify adds HEAD to every GET by itself; /docs* is Swagger UI, and /interaction/*
            // are the HTML pages of the authorization flow: neither is the JSON API.
            if (method === 'HEAD' || /^\/(?:docs(?:[-/]|$)|interaction\/)/.test(route.url))
              continue;
            servedRoutes.add(`${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
          }
        });
    },
  );
  const response = await request(app.identity.app.getHttpServer()).get('/docs-json').expect(200);
  served = response.body as OpenAPIObject;
});

afterAll(async () => {
  await app?.close();
});

describe('the OpenAPI document the app serves at /docs-json', () => {
  it('is the document generated without a database (the one openapi.json holds)', async () => {
    const generated = JSON.parse(serializeOpenApiDocument(await generateOpenApiDocument()));
    expect(served).toEqual(generated);
  });

  it('is a valid OpenAPI 3 document', async () => {
    expect(served.openapi).toMatch(/^3\./);
    // validate() dereferences the document it is given in place.
    const result = await validate(structuredClone(served) as Parameters<typeof validate>[0]);
    expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid');
  });

  it('documents every route the app serves, and no other', () => {
    expect(servedRoutes.size).toBeGreaterThan(0);
    const documented = operationsOf(served).map(({ key }) => key);
    expect(documented.sort()).toEqual([...servedRoutes].sort());
  });

  it('has every operation in this test list of status codes', () => {
    const documented = operationsOf(served).map(({ key }) => key);
    expect(documented.sort()).toEqual(Object.keys(STATUS_CODES).sort());
  });

  it.each(Object.entries(STATUS_CODES))('documents every status %s can answer', (key, codes) => {
    const found = operationsOf(served).find((operation) => operation.key === key);
    expect(found).toBeDefined();
    expect({ key, statuses: Object.keys(found!.operation.responses).sort() }).toEqual({
      key,
      statuses: expect.arrayContaining(codes),
    });
  });

  it('describes every 4xx response with OAuthErrorResponseDto', () => {
    const errorResponses = operationsOf(served).flatMap(({ key, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^4\d\d$/.test(status))
        .map(([status, response]) => ({
          response: `${key} ${status}`,
          schema: jsonMediaType(response)?.schema,
        })),
    );
    expect(errorResponses.length).toBeGreaterThanOrEqual(7);
    for (const { response, schema } of errorResponses) {
      expect({ response, schema }).toEqual({ response, schema: { $ref: ERROR_SCHEMA_REF } });
    }
    expect(served.components?.schemas?.OAuthErrorResponseDto).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['error', 'error_description']),
    });
  });

  it('declares the bearer security schemes of the module', () => {
    const schemes = served.components?.securitySchemes ?? {};
    for (const name of ['registration_access_token', 'initial_access_token', 'dcr_admin_token']) {
      expect({ name, scheme: schemes[name] as SecuritySchemeObject | undefined }).toEqual({
        name,
        // Both credentials are opaque random strings: neither is a JWT.
        scheme: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque' }),
      });
    }
  });

  it('gives the update (RFC 7592 §2.2) a request schema that requires client_id', () => {
    const media = jsonMediaType(operationById(served, 'updateClient').requestBody);
    expect(media?.schema).toEqual({ $ref: '#/components/schemas/ClientUpdateRequestDto' });
    expect(served.components?.schemas?.ClientUpdateRequestDto).toMatchObject({
      required: ['client_id'],
      properties: expect.objectContaining({
        client_id: expect.any(Object),
        client_secret: expect.any(Object),
        redirect_uris: expect.any(Object),
      }),
    });
  });

  it('asks for a bearer token where one is needed, and only there', () => {
    for (const { key, path, operation } of operationsOf(served)) {
      // RFC 7592 §3: the client configuration endpoint takes the registration access token;
      // registration takes an initial access token or nothing (RFC 7591 §3: it depends on the
      // registration mode); discovery is open.
      const expected = path.startsWith('/register/')
        ? [{ registration_access_token: [] }]
        : key === 'POST /register'
          ? [{ initial_access_token: [] }, {}]
          : operation.tags?.includes(DCR_ADMIN_API_TAG)
            ? [{ dcr_admin_token: [] }]
            : [];
      expect({ key, security: operation.security ?? [] }).toEqual({ key, security: expected });
    }
  });

  describe('the registration endpoint (registerClient)', () => {
    it('starts its request examples with a public client (Swagger UI tries the first)', () => {
      const media = jsonMediaType(operationById(served, 'registerClient').requestBody);
      const examples = Object.values(media?.examples ?? {});
      expect(examples.length).toBeGreaterThan(0);
      expect(examples[0]).toMatchObject({
        summary: expect.any(String),
        value: { token_endpoint_auth_method: 'none', redirect_uris: expect.any(Array) },
      });
    });

    it('has request examples the app accepts', async () => {
      const media = jsonMediaType(operationById(served, 'registerClient').requestBody);
      const examples = Object.entries(media?.examples ?? {});
      expect(examples.length).toBeGreaterThan(0);
      for (const [name, example] of examples) {
        const response = await request(app!.identity.app.getHttpServer())
          .post('/register')
          .set('Content-Type', 'application/json')
          .send((example as { value: object }).value);
        expect({ name, status: response.status }).toEqual({ name, status: 201 });
      }
    });

    // Each of these answers of the registration endpoint has a JSON body.
    it.each(['201', '400', '413'])('has an example of its %s response body', (status) => {
      const media = jsonMediaType(operationById(served, 'registerClient').responses[status]);
      expect({ status, documented: media !== undefined }).toEqual({ status, documented: true });
      const example = hasExample(media) ? 'present' : 'missing (no example or examples)';
      expect({ status, example }).toEqual({ status, example: 'present' });
    });
  });
});

describe('openapi.json at the workspace root', () => {
  it('is the document the app generates', async () => {
    const committed = await readFile(OPENAPI_JSON, 'utf8').catch((error: unknown) => {
      throw new Error(`${OPENAPI_JSON} cannot be read; create it with ${REGENERATE}`, {
        cause: error,
      });
    });
    const fresh = serializeOpenApiDocument(await generateOpenApiDocument());
    try {
      expect(JSON.parse(committed)).toEqual(JSON.parse(fresh));
    } catch (error) {
      if (error instanceof Error) {
        error.message = `openapi.json is stale: regenerate it with ${REGENERATE}\n\n${error.message}`;
      }
      throw error;
    }
  });
});
