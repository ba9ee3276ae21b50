import { describe, expect, it } from '@jest/globals';
import type { ClientMetadata } from '../metadata/client-metadata.js';
import { HOST_POLICY, interpretDecision } from './host-policy-decision.js';
import type { RegistrationPolicyDecision } from './registration-policy.js';

const METADATA: ClientMetadata = {
  redirect_uris: [],
  token_endpoint_auth_method: 'client_secret_basic',
  grant_types: ['client_credentials'],
  response_types: [],
};

describe('interpretDecision', () => {
  it('takes undefined and a bare acceptance as the metadata unchanged', () => {
    expect(interpretDecision(undefined, METADATA)).toEqual({ metadata: METADATA, adjusted: false });
    expect(interpretDecision({ accept: true }, METADATA)).toEqual({
      metadata: METADATA,
      adjusted: false,
    });
  });

  it('takes adjusted metadata as adjusted, to be validated again', () => {
    const adjusted = { ...METADATA, client_name: 'Named by policy' };
    expect(interpretDecision({ accept: true, metadata: adjusted }, METADATA)).toEqual({
      metadata: adjusted,
      adjusted: true,
    });
  });

  it('turns a rejection into a refusal with the rule and the field', () => {
    expect(
      interpretDecision(
        {
          reject: {
            error: 'invalid_client_metadata',
            description: 'client_name must name the tenant',
            policy: 'tenant_names',
            field: '/client_name',
          },
        },
        METADATA,
      ),
    ).toEqual({
      refusal: {
        error: 'invalid_client_metadata',
        policy: 'tenant_names',
        field: '/client_name',
        reason: 'client_name must name the tenant',
      },
    });
  });

  it('names the default rule and the whole request when the host names neither (or no pointer)', () => {
    expect(
      interpretDecision(
        { reject: { error: 'access_denied', description: 'closed', field: 'client_name' } },
        METADATA,
      ),
    ).toEqual({
      refusal: { error: 'access_denied', policy: HOST_POLICY, field: '', reason: 'closed' },
    });
  });

  it.each([
    [
      'a rejection with another error code',
      { reject: { error: 'invalid_token', description: 'x' } },
    ],
    ['a rejection without a description', { reject: { error: 'access_denied', description: '' } }],
    ['an acceptance with non-object metadata', { accept: true, metadata: 'x' }],
    ['something else', { ok: true }],
    ['accept: false', { accept: false }],
  ])('throws on %s: a host bug is never taken as an acceptance', (_case, decision) => {
    expect(() =>
      interpretDecision(decision as unknown as RegistrationPolicyDecision, METADATA),
    ).toThrow(TypeError);
  });
});
