import { describe, expect, it } from '@jest/globals';
import { DcrOptionProblem } from './option-problem.js';
import { resolveRegistrationOptions, type DcrRegistrationOptions } from './registration-options.js';

function problemOf(options: unknown): DcrOptionProblem {
  try {
    resolveRegistrationOptions(options as DcrRegistrationOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(DcrOptionProblem);
    return error as DcrOptionProblem;
  }
  throw new Error('expected a DcrOptionProblem');
}

describe('resolveRegistrationOptions', () => {
  it('defaults to open registration without rules or quotas', () => {
    const resolved = resolveRegistrationOptions();
    expect(resolved.mode).toBe('open');
    expect(resolved.quotas).toEqual({});
    expect(resolved.rules).toEqual({
      origin: 'module rules',
      requireSoftwareStatement: false,
      approval: 'none',
    });
  });

  it('parses the host patterns and deduplicates allow-lists', () => {
    const resolved = resolveRegistrationOptions({
      mode: 'protected',
      rules: { trustedRedirectHosts: ['*.Example.com'], allowedScopes: ['a', 'b', 'a'] },
      maxClients: 10,
      maxClientsPerSoftwareId: 0,
    });
    expect(resolved.rules.trustedRedirectHosts).toEqual([
      { kind: 'subdomains', domain: 'example.com', text: '*.example.com' },
    ]);
    expect(resolved.rules.allowedScopes).toEqual(['a', 'b']);
    expect(resolved.quotas).toEqual({ maxClients: 10, perSoftwareId: 0 });
  });

  it.each([
    [{ mode: 'closed' }, 'registration.mode'],
    [
      { rules: { trustedRedirectHosts: ['https://a.example'] } },
      'registration.rules.trustedRedirectHosts[0]',
    ],
    [
      { anonymousRules: { allowedScopes: ['a b'] } },
      'registration.anonymousRules.allowedScopes[0]',
    ],
    [
      { rules: { allowedTokenEndpointAuthMethods: ['basic'] } },
      'registration.rules.allowedTokenEndpointAuthMethods[0]',
    ],
    [
      { rules: { allowedGrantTypes: 'authorization_code' } },
      'registration.rules.allowedGrantTypes',
    ],
    [
      { initialAccessTokenRules: { approval: 'later' } },
      'registration.initialAccessTokenRules.approval',
    ],
    [
      { rules: { clientSecretLifetimeSeconds: -1 } },
      'registration.rules.clientSecretLifetimeSeconds',
    ],
    [{ maxClients: 1.5 }, 'registration.maxClients'],
    [{ maxClientsPerInitialAccessToken: -1 }, 'registration.maxClientsPerInitialAccessToken'],
  ])('refuses %p, naming %s', (options, option) => {
    expect(problemOf(options).option).toBe(option);
  });
});
