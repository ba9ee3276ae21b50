import { describe, expect, it } from '@jest/globals';
import type { ClientMetadata } from '../metadata/client-metadata.js';
import { approvalRule, checkRuleSets, secretLifetimeSeconds } from './apply-rule-sets.js';
import { resolveRegistrationOptions, resolveRuleSet } from './registration-options.js';
import { ruleSetsFor } from './rule-sets-for.js';

const METADATA: ClientMetadata = {
  redirect_uris: ['https://app.example.com/cb'],
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code'],
  response_types: ['code'],
  scope: 'openid',
};

describe('checkRuleSets', () => {
  it('accepts metadata that every rule of every set allows', () => {
    const sets = [
      resolveRuleSet({ trustedRedirectHosts: ['*.example.com'] }, 'module rules', 'x'),
      resolveRuleSet(
        { allowedScopes: ['openid'], allowedGrantTypes: ['authorization_code'] },
        'b',
        'y',
      ),
    ];
    expect(checkRuleSets(METADATA, false, sets)).toBeUndefined();
  });

  it('accepts anything when no set has a rule', () => {
    expect(checkRuleSets(METADATA, false, [resolveRuleSet({}, 'a', 'x')])).toBeUndefined();
  });

  it('refuses by the first failing rule and says which set it belongs to', () => {
    const sets = [
      resolveRuleSet({ allowedScopes: ['openid'] }, 'module rules', 'x'),
      resolveRuleSet(
        { allowedTokenEndpointAuthMethods: ['private_key_jwt'] },
        'initial access token policy',
        'y',
      ),
    ];
    expect(checkRuleSets(METADATA, false, sets)).toEqual({
      error: 'invalid_client_metadata',
      policy: 'allowed_token_endpoint_auth_methods',
      field: '/token_endpoint_auth_method',
      reason:
        '"none" is not allowed (allowed: private_key_jwt); a rule of the initial access token policy',
    });
  });

  it.each([
    [{ requireSoftwareStatement: true }, 'require_software_statement', '/software_statement'],
    [{ trustedRedirectHosts: ['other.example'] }, 'trusted_redirect_hosts', '/redirect_uris/0'],
    [{ allowedGrantTypes: ['client_credentials'] }, 'allowed_grant_types', '/grant_types/0'],
    [
      { allowedTokenEndpointAuthMethods: ['client_secret_basic' as const] },
      'allowed_token_endpoint_auth_methods',
      '/token_endpoint_auth_method',
    ],
    [{ allowedScopes: ['profile'] }, 'allowed_scopes', '/scope'],
  ])('applies %p', (rules, policy, field) => {
    expect(
      checkRuleSets(METADATA, false, [resolveRuleSet(rules, 'module rules', 'x')]),
    ).toMatchObject({
      policy,
      field,
    });
  });

  it('lets a verified statement satisfy require_software_statement', () => {
    const sets = [resolveRuleSet({ requireSoftwareStatement: true }, 'module rules', 'x')];
    expect(checkRuleSets(METADATA, true, sets)).toBeUndefined();
    expect(checkRuleSets(METADATA, false, sets)).toMatchObject({
      error: 'invalid_software_statement',
    });
  });
});

describe('secretLifetimeSeconds', () => {
  const set = (seconds?: number) =>
    resolveRuleSet({ clientSecretLifetimeSeconds: seconds }, 'set', 'x');

  it('is the module default without set lifetimes', () => {
    expect(secretLifetimeSeconds(0, [set()])).toBe(0);
    expect(secretLifetimeSeconds(3600, [set()])).toBe(3600);
  });

  it('is the shortest positive lifetime; 0 ("never") shortens nothing', () => {
    expect(secretLifetimeSeconds(0, [set(86400), set(3600)])).toBe(3600);
    expect(secretLifetimeSeconds(600, [set(86400), set(0)])).toBe(600);
  });
});

describe('approvalRule', () => {
  it('is pending when any set asks for approval', () => {
    const none = resolveRuleSet({}, 'a', 'x');
    const pending = resolveRuleSet({ approval: 'pending' }, 'b', 'y');
    expect(approvalRule([none])).toBe('none');
    expect(approvalRule([none, pending])).toBe('pending');
  });
});

describe('ruleSetsFor', () => {
  const options = resolveRegistrationOptions({
    mode: 'mixed',
    rules: { allowedScopes: ['openid'] },
    anonymousRules: { approval: 'pending' },
    initialAccessTokenRules: { requireSoftwareStatement: true },
  });

  it('gives anonymous registrations the module rules and the anonymous rules', () => {
    expect(ruleSetsFor({ kind: 'anonymous' }, options)).toEqual([
      options.rules,
      options.anonymousRules,
    ]);
  });

  it("gives token registrations the module rules, the token rules and the token's own", () => {
    const own = resolveRuleSet(
      { trustedRedirectHosts: ['a.example'] },
      'initial access token policy',
      'p',
    );
    expect(
      ruleSetsFor({ kind: 'initial_access_token', tokenId: 'id', rules: own }, options),
    ).toEqual([options.rules, options.initialAccessTokenRules, own]);
  });
});
