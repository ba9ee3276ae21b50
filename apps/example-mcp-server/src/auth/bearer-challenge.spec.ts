import { describe, expect, it } from '@jest/globals';
import { bearerChallenge } from './bearer-challenge.js';

const context = {
  resourceMetadataUrl: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
  requiredScopes: ['mcp:tools', 'mcp:read'],
};

describe('bearerChallenge', () => {
  it('carries no error code when no credentials were presented (RFC 6750 §3.1)', () => {
    expect(bearerChallenge(context)).toBe(
      'Bearer scope="mcp:tools mcp:read", ' +
        'resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
    );
  });

  it('names the error and its description when a token was refused', () => {
    expect(
      bearerChallenge(context, { code: 'invalid_token', description: 'the token has expired' }),
    ).toBe(
      'Bearer error="invalid_token", error_description="the token has expired", ' +
        'scope="mcp:tools mcp:read", ' +
        'resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
    );
  });

  it('leaves scope out when none is required', () => {
    expect(bearerChallenge({ ...context, requiredScopes: [] })).toBe(
      'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
    );
  });

  it('keeps the description a valid quoted-string', () => {
    const challenge = bearerChallenge(context, {
      code: 'invalid_token',
      description: 'no "kid" \\ matches (RFC 9068 §4)',
    });
    expect(challenge).toContain(`error_description="no 'kid' / matches (RFC 9068 section 4)"`);
  });
});
