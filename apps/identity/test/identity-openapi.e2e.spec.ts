import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { type RunningApp, useIdentityOnTestSchema } from './support/in-process-identity.js';

const ISSUER = 'http://localhost:3000';

const { startApp } = useIdentityOnTestSchema();

describe('identity app (in-process, PostgreSQL)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({ ISSUER });
  });

  describe('OpenAPI', () => {
    it('serves Swagger UI as HTML at /docs', async () => {
      const response = await request(app.server).get('/docs').redirects(2).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('swagger-ui');
      expect(response.text).toMatch(/<html/i);
    });

    it('serves the Swagger UI assets the page loads', async () => {
      const page = await request(app.server).get('/docs').redirects(2).expect(200);
      const script = /src="\.?\/?(?:docs\/)?(swagger-ui-bundle\.js)"/.exec(page.text);
      expect(script?.[1]).toBe('swagger-ui-bundle.js');
      const asset = await request(app.server).get('/docs/swagger-ui-bundle.js').expect(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
    });

    it('serves an OpenAPI 3 document at /docs-json describing the registration endpoint', async () => {
      const response = await request(app.server).get('/docs-json').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const document = response.body;
      expect(document.openapi).toMatch(/^3\./);
      expect(document.info.title).toEqual(expect.any(String));

      const register = document.paths['/register']?.post;
      expect(register).toBeDefined();
      expect(register.operationId).toBe('registerClient');
      expect(register.requestBody.content['application/json'].schema.$ref).toBe(
        '#/components/schemas/ClientRegistrationRequestDto',
      );
      expect(Object.keys(register.responses)).toEqual(
        expect.arrayContaining(['201', '400', '413']),
      );
      // The seed fields (ClientRegistrationResponseDto, by reference) and the members beyond
      // them: the software statement echoed (RFC 7591 §3.2.1) and approval_status (issue 9).
      const created = register.responses['201'].content['application/json'].schema;
      expect(created.allOf[0].$ref).toBe('#/components/schemas/ClientRegistrationResponseDto');
      expect(Object.keys(created.allOf[1].properties)).toEqual([
        'software_statement',
        'approval_status',
      ]);
      expect(register.responses['400'].content['application/json'].schema.$ref).toBe(
        '#/components/schemas/OAuthErrorResponseDto',
      );
      expect(register.responses['413'].content['application/json'].schema.$ref).toBe(
        '#/components/schemas/OAuthErrorResponseDto',
      );

      expect(Object.keys(document.components.schemas)).toEqual(
        expect.arrayContaining([
          'ClientRegistrationRequestDto',
          'ClientRegistrationResponseDto',
          'OAuthErrorResponseDto',
        ]),
      );
      expect(document.components.schemas.OAuthErrorResponseDto.required).toEqual(
        expect.arrayContaining(['error', 'error_description']),
      );
    });

    it('documents the discovery endpoint at the path it is served on', async () => {
      const { body: document } = await request(app.server).get('/docs-json').expect(200);
      const discovery = document.paths['/.well-known/oauth-authorization-server']?.get;
      expect(discovery).toBeDefined();
      expect(discovery.operationId).toBe('getAuthorizationServerMetadata');
      expect(discovery.responses['200'].content['application/json'].schema.$ref).toBe(
        '#/components/schemas/AuthorizationServerMetadataDto',
      );
    });
  });
});
