import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MCP_CLIENT_REGISTRATIONS } from '../src/metadata/mcp-client-registrations.spec-helpers.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { postRegistration } from './support/registration-requests.js';

// Issue 9: the default policy accepts the registration bodies deployed MCP clients send today
// (Claude, Claude Code, Cursor, VS Code, ChatGPT, the MCP SDK's examples), as they send them.

let t: DcrTestApp;

beforeAll(async () => {
  t = await createDcrTestApp();
});

afterAll(async () => {
  await t.close();
});

describe('POST /register with the bodies of deployed MCP clients', () => {
  it.each(
    MCP_CLIENT_REGISTRATIONS.map((registration) => [registration.client, registration] as const),
  )('%s: 201', async (_client, { body, grantTypes }) => {
    const response = await postRegistration(t.server, body);
    expect(response.status).toBe(201);
    expect(response.body.redirect_uris).toEqual(body.redirect_uris);
    expect(response.body.grant_types).toEqual(grantTypes);
    expect(response.body.token_endpoint_auth_method).toBe(body.token_endpoint_auth_method);
    // A secret only for the methods that use one; never for a public client.
    const secretBased = ['client_secret_basic', 'client_secret_post'].includes(
      body.token_endpoint_auth_method as string,
    );
    expect(typeof response.body.client_secret === 'string').toBe(secretBased);
  });
});
