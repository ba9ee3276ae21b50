import { describe, expect, it } from '@jest/globals';
import { fieldName, jsonPointer, policyError } from './policy-refusal.js';

describe('jsonPointer (RFC 6901)', () => {
  it('points at members and array elements', () => {
    expect(jsonPointer('redirect_uris', 1)).toBe('/redirect_uris/1');
    expect(jsonPointer('scope')).toBe('/scope');
    expect(jsonPointer()).toBe('');
  });

  it('escapes "~" as "~0" and "/" as "~1" (§3)', () => {
    expect(jsonPointer('a/b', 'c~d')).toBe('/a~1b/c~0d');
  });
});

describe('fieldName', () => {
  it.each([
    ['/redirect_uris/1', 'redirect_uris[1]'],
    ['/scope', 'scope'],
    ['/policy/allowed_scopes/0', 'policy.allowed_scopes[0]'],
    ['/a~1b', 'a/b'],
    ['', 'the registration'],
  ])('names %p as %p', (pointer, name) => {
    expect(fieldName(pointer)).toBe(name);
  });
});

describe('policyError', () => {
  it('names the rule and the field in the description and as extension members', () => {
    const error = policyError({
      error: 'invalid_redirect_uri',
      policy: 'trusted_redirect_hosts',
      field: '/redirect_uris/1',
      reason: 'host "evil.example" is not a trusted redirect host',
    });
    expect(error.status).toBe(400);
    expect(error.toBody()).toEqual({
      error: 'invalid_redirect_uri',
      error_description:
        "redirect_uris[1]: host 'evil.example' is not a trusted redirect host (policy trusted_redirect_hosts)",
      policy: 'trusted_redirect_hosts',
      field: '/redirect_uris/1',
    });
  });

  it('answers access_denied with 403', () => {
    const error = policyError({
      error: 'access_denied',
      policy: 'max_clients',
      field: '',
      reason: 'full',
    });
    expect(error.status).toBe(403);
    expect(error.toBody()).toMatchObject({
      error: 'access_denied',
      policy: 'max_clients',
      field: '',
    });
  });
});
