import { describe, expect, it } from '@jest/globals';
import { digest } from '../credentials/digest.js';
import type { DcrInitialAccessTokenEntity } from './dcr-initial-access-token.entity.js';
import { initialAccessTokenRuleSet } from './initial-access-token-policy.js';
import { toInitialAccessTokenView } from './initial-access-token-view.js';

const NOW = new Date('2026-01-01T00:00:00Z');

function token(overrides: Partial<DcrInitialAccessTokenEntity> = {}): DcrInitialAccessTokenEntity {
  return {
    id: 'AAAAAAAAAAAAAAAAAAAAAA',
    tokenDigest: digest('the token'),
    label: null,
    policy: null,
    maxUses: 5,
    remainingUses: 5,
    expiresAt: new Date('2026-01-08T00:00:00Z'),
    createdAt: new Date('2025-12-31T00:00:00Z'),
    revokedAt: null,
    ...overrides,
  };
}

describe('toInitialAccessTokenView', () => {
  it('shows an active token in Unix seconds, never its digest', () => {
    const view = toInitialAccessTokenView(token(), NOW);
    expect(view).toEqual({
      id: 'AAAAAAAAAAAAAAAAAAAAAA',
      status: 'active',
      created_at: 1767139200,
      expires_at: 1767830400,
      max_uses: 5,
      remaining_uses: 5,
    });
    expect(JSON.stringify(view)).not.toContain(digest('the token').toString('hex'));
  });

  it.each([
    ['revoked', { revokedAt: new Date('2025-12-31T12:00:00Z') }],
    ['expired', { expiresAt: NOW }],
    ['used_up', { remainingUses: 0 }],
  ])('says %s', (status, overrides) => {
    expect(toInitialAccessTokenView(token(overrides), NOW).status).toBe(status);
  });

  it('shows the label, the policy and when it was revoked', () => {
    const view = toInitialAccessTokenView(
      token({
        label: 'Acme',
        policy: { allowed_scopes: ['a'] },
        revokedAt: new Date('2025-12-31T12:00:00Z'),
      }),
      NOW,
    );
    expect(view).toMatchObject({
      label: 'Acme',
      policy: { allowed_scopes: ['a'] },
      revoked_at: 1767182400,
    });
  });
});

describe('initialAccessTokenRuleSet', () => {
  it('turns a stored policy into the rule set applied to its registrations', () => {
    expect(
      initialAccessTokenRuleSet({
        trusted_redirect_hosts: ['*.acme.example'],
        allowed_grant_types: ['authorization_code'],
        allowed_token_endpoint_auth_methods: ['none'],
        allowed_scopes: ['mcp:tools'],
        require_software_statement: true,
      }),
    ).toEqual({
      origin: 'initial access token policy',
      trustedRedirectHosts: [
        { kind: 'subdomains', domain: 'acme.example', text: '*.acme.example' },
      ],
      allowedGrantTypes: ['authorization_code'],
      allowedTokenEndpointAuthMethods: ['none'],
      allowedScopes: ['mcp:tools'],
      requireSoftwareStatement: true,
      clientSecretLifetimeSeconds: undefined,
      approval: 'none',
    });
  });

  it('is an empty set without a policy', () => {
    expect(initialAccessTokenRuleSet(null)).toMatchObject({
      requireSoftwareStatement: false,
      approval: 'none',
    });
    expect(initialAccessTokenRuleSet(null).allowedScopes).toBeUndefined();
  });
});
