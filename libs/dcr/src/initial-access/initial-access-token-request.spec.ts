import { describe, expect, it } from '@jest/globals';
import { OAuthError } from '../errors/oauth-error.js';
import {
  MAX_EXPIRES_IN_SECONDS,
  MAX_USES,
  parseInitialAccessTokenRequest,
} from './initial-access-token-request.js';

function refusal(body: unknown): Record<string, unknown> {
  try {
    parseInitialAccessTokenRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).status).toBe(400);
    return (error as OAuthError).toBody();
  }
  throw new Error(`expected a refusal of ${JSON.stringify(body)}`);
}

describe('parseInitialAccessTokenRequest', () => {
  it('reads a minimal request', () => {
    expect(parseInitialAccessTokenRequest({ expires_in: 3600, max_uses: 5 })).toEqual({
      expiresIn: 3600,
      maxUses: 5,
      label: null,
      policy: null,
    });
  });

  it('reads a label and a policy', () => {
    expect(
      parseInitialAccessTokenRequest({
        expires_in: MAX_EXPIRES_IN_SECONDS,
        max_uses: MAX_USES,
        label: 'Acme onboarding',
        policy: { allowed_scopes: ['mcp:tools'], require_software_statement: true },
      }),
    ).toEqual({
      expiresIn: MAX_EXPIRES_IN_SECONDS,
      maxUses: MAX_USES,
      label: 'Acme onboarding',
      policy: { allowed_scopes: ['mcp:tools'], require_software_statement: true },
    });
  });

  it.each([
    ['a non-object body', [], ''],
    ['a missing expires_in', { max_uses: 1 }, '/expires_in'],
    ['a string expires_in', { expires_in: '3600', max_uses: 1 }, '/expires_in'],
    ['a zero expires_in', { expires_in: 0, max_uses: 1 }, '/expires_in'],
    ['a fractional expires_in', { expires_in: 1.5, max_uses: 1 }, '/expires_in'],
    [
      'a too long expires_in',
      { expires_in: MAX_EXPIRES_IN_SECONDS + 1, max_uses: 1 },
      '/expires_in',
    ],
    ['a missing max_uses', { expires_in: 60 }, '/max_uses'],
    ['a negative max_uses', { expires_in: 60, max_uses: -1 }, '/max_uses'],
    ['too many uses', { expires_in: 60, max_uses: MAX_USES + 1 }, '/max_uses'],
    ['an empty label', { expires_in: 60, max_uses: 1, label: '' }, '/label'],
    ['a label with a line break', { expires_in: 60, max_uses: 1, label: 'a\nb' }, '/label'],
    ['a numeric label', { expires_in: 60, max_uses: 1, label: 7 }, '/label'],
    ['an unknown member', { expires_in: 60, max_uses: 1, uses: 2 }, '/uses'],
    ['a policy that is not an object', { expires_in: 60, max_uses: 1, policy: [] }, '/policy'],
    [
      'an unknown rule',
      { expires_in: 60, max_uses: 1, policy: { max_clients: 1 } },
      '/policy/max_clients',
    ],
    [
      'a rule of the wrong type',
      { expires_in: 60, max_uses: 1, policy: { allowed_scopes: 'a' } },
      '/policy/allowed_scopes',
    ],
    [
      'a bad host pattern',
      { expires_in: 60, max_uses: 1, policy: { trusted_redirect_hosts: ['ok.example', 'a/b'] } },
      '/policy/trusted_redirect_hosts/1',
    ],
    [
      'a bad auth method',
      { expires_in: 60, max_uses: 1, policy: { allowed_token_endpoint_auth_methods: ['basic'] } },
      '/policy/allowed_token_endpoint_auth_methods/0',
    ],
    [
      'a non-boolean requirement',
      { expires_in: 60, max_uses: 1, policy: { require_software_statement: 'yes' } },
      '/policy/require_software_statement',
    ],
  ])('refuses %s with invalid_request naming the member', (_case, body, field) => {
    const error = refusal(body);
    expect(error).toMatchObject({ error: 'invalid_request', field });
    expect(String(error.error_description).length).toBeGreaterThan(10);
  });
});
