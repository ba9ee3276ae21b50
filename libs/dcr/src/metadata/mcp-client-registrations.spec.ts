import { describe, expect, it } from '@jest/globals';
import { resolveDcrOptions } from '../resolved-dcr-options.js';
import { MCP_CLIENT_REGISTRATIONS } from './mcp-client-registrations.spec-helpers.js';
import { parseClientMetadata } from './parse-client-metadata.js';
import { requireJsonObject } from './request-body.js';

/** The policy of the default module options. */
const DEFAULT_POLICY = resolveDcrOptions({ issuer: 'https://issuer.example' }).policy;

describe('the default policy accepts what deployed MCP clients send (issue 9)', () => {
  it.each(
    MCP_CLIENT_REGISTRATIONS.map((registration) => [registration.client, registration] as const),
  )('%s', (_client, { body, grantTypes }) => {
    const metadata = parseClientMetadata(requireJsonObject(body), DEFAULT_POLICY);
    // Redirect URIs are stored exactly as sent: they are compared as strings later.
    expect(metadata.redirect_uris).toEqual(body.redirect_uris);
    expect(metadata.grant_types).toEqual(grantTypes);
    expect(metadata.response_types).toEqual(['code']);
    expect(metadata.token_endpoint_auth_method).toBe(body.token_endpoint_auth_method);
    // Members no RFC defines for clients are dropped, never stored.
    expect(metadata).not.toHaveProperty('token_endpoint_auth_methods_supported');
    expect(metadata).not.toHaveProperty('client_id');
  });

  it('reads the empty scope of the MCP Inspector as no scope', () => {
    const inspector = MCP_CLIENT_REGISTRATIONS.find(({ client }) => client === 'MCP Inspector');
    expect(parseClientMetadata(inspector!.body, DEFAULT_POLICY)).not.toHaveProperty('scope');
  });
});
