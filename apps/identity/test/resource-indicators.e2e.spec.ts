import { beforeAll, describe, expect, it } from '@jest/globals';
import * as oauth from 'oauth4webapi';
import {
  type ServerUnderTest,
  useAuthorizationServerOnTestSchema,
} from './support/authorization-server-on-test-schema.js';
import {
  REDIRECT_URI,
  authorizeCode,
  codeFlow,
  decodeJwt,
  discover,
  register,
  tokenRequest,
} from './support/oauth-client.js';

const MCP = 'https://mcp.example.com/mcp';
const API = 'https://api.example.com/';

const server = useAuthorizationServerOnTestSchema();

describe('resource indicators (RFC 8707) with RESOURCES and RESOURCE_SCOPES', () => {
  let app: ServerUnderTest;
  let as: oauth.AuthorizationServer;
  let clientId: string;

  beforeAll(async () => {
    app = await server.start({
      RESOURCES: `${MCP},${API}`,
      RESOURCE_SCOPES: 'files:read files:write',
      ACCESS_TOKEN_TTL_SECONDS: '120',
    });
    as = await discover(app.issuer);
    clientId = (
      await register(as, {
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
      })
    ).client_id;
  });

  it('advertises the resources\u2019 scope values', () => {
    expect(as.scopes_supported).toEqual(['openid', 'offline_access', 'files:read', 'files:write']);
  });

  it('gives a request without resource a token for the first resource, with its default scope', async () => {
    const tokens = await codeFlow(as, app.origin, { clientId });
    const { payload } = decodeJwt(tokens.access_token);
    expect(payload.aud).toBe(MCP);
    expect(payload.scope).toBe('files:read files:write');
    expect(tokens.expires_in).toBe(120);
  });

  it('issues a token whose aud is the requested resource, with the requested scope', async () => {
    const tokens = await codeFlow(as, app.origin, { clientId, resource: API, scope: 'files:read' });
    expect(decodeJwt(tokens.access_token).payload).toMatchObject({ aud: API, scope: 'files:read' });
  });

  it('keeps the resource of the grant when refreshing', async () => {
    const tokens = await codeFlow(as, app.origin, { clientId, resource: API });
    const refreshed = await tokenRequest(as, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token as string,
      client_id: clientId,
    });
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.body.access_token).payload.aud).toBe(API);
  });

  it('refuses at the token endpoint a resource the authorization did not grant', async () => {
    const { params, verifier } = await authorizeCode(as, app.origin, { clientId, resource: MCP });
    const answer = await tokenRequest(as, {
      grant_type: 'authorization_code',
      code: params.get('code') as string,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
      client_id: clientId,
      resource: API,
    });
    expect(answer).toEqual({
      status: 400,
      body: expect.objectContaining({ error: 'invalid_target' }),
    });
  });

  it('refuses an unknown resource with invalid_target', async () => {
    await expect(
      authorizeCode(as, app.origin, { clientId, resource: 'https://other.example/mcp' }),
    ).rejects.toMatchObject({ error: 'invalid_target' });
  });
});
