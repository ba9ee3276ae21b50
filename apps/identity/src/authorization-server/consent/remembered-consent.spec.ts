import { describe, expect, it } from '@jest/globals';
import { Provider } from 'oidc-provider';
import { applyConsent, consentOfGrant } from './remembered-consent.js';

const { Grant } = new Provider('https://id.example');

describe('remembered consents', () => {
  it('remember everything a grant holds', () => {
    const grant = new Grant({ accountId: 'dora', clientId: 'c1' });
    grant.addOIDCScope('openid offline_access');
    grant.addResourceScope('https://mcp.example/mcp', 'mcp:tools mcp:read');
    expect(consentOfGrant(grant)).toEqual({
      scopes: 'openid offline_access',
      resources: { 'https://mcp.example/mcp': 'mcp:tools mcp:read' },
    });
  });

  it('give a new grant what was consented, and nothing more', () => {
    const grant = new Grant({ accountId: 'dora', clientId: 'c1' });
    applyConsent(grant, {
      scopes: 'openid',
      resources: { 'https://mcp.example/mcp': 'mcp:tools' },
    });
    expect(grant.getOIDCScope()).toBe('openid');
    expect(grant.getResourceScope('https://mcp.example/mcp')).toBe('mcp:tools');
    expect(grant.getResourceScope('https://other.example/')).toBe('');
  });

  it('remember a grant without scopes as an empty consent', () => {
    expect(consentOfGrant(new Grant({ accountId: 'dora', clientId: 'c1' }))).toEqual({
      scopes: '',
      resources: {},
    });
  });
});
