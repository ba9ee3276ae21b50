import { describe, expect, it } from '@jest/globals';
import {
  MAX_CLIENTS,
  MAX_CLIENTS_PER_INITIAL_ACCESS_TOKEN,
  MAX_CLIENTS_PER_SOFTWARE_ID,
  applicableQuotas,
  checkQuota,
} from './client-quotas.js';

describe('applicableQuotas', () => {
  const limits = { maxClients: 100, perInitialAccessToken: 10, perSoftwareId: 3 };

  it('lists nothing without limits', () => {
    expect(applicableQuotas({}, 'token-id', 'sw')).toEqual([]);
  });

  it('lists every configured quota that applies, in lock order', () => {
    expect(applicableQuotas(limits, 'token-id', 'sw').map((quota) => quota.policy)).toEqual([
      MAX_CLIENTS,
      MAX_CLIENTS_PER_INITIAL_ACCESS_TOKEN,
      MAX_CLIENTS_PER_SOFTWARE_ID,
    ]);
  });

  it('leaves out the per-token quota for anonymous registrations and the per-software one without software_id', () => {
    expect(applicableQuotas(limits, undefined, undefined)).toEqual([
      { policy: MAX_CLIENTS, scope: { kind: 'all' }, limit: 100, field: '' },
    ]);
  });

  it('points the per-software quota at software_id', () => {
    expect(applicableQuotas({ perSoftwareId: 3 }, undefined, 'sw')).toEqual([
      {
        policy: MAX_CLIENTS_PER_SOFTWARE_ID,
        scope: { kind: 'software_id', softwareId: 'sw' },
        limit: 3,
        field: '/software_id',
      },
    ]);
  });
});

describe('checkQuota', () => {
  const [all, perToken, perSoftware] = applicableQuotas(
    { maxClients: 2, perInitialAccessToken: 1, perSoftwareId: 0 },
    'token-id',
    'sw',
  );

  it('accepts while there is room', () => {
    expect(checkQuota(all, 0)).toBeUndefined();
    expect(checkQuota(all, 1)).toBeUndefined();
  });

  it('refuses with 403 access_denied once the quota is full, naming it', () => {
    expect(checkQuota(all, 2)).toEqual({
      error: 'access_denied',
      policy: MAX_CLIENTS,
      field: '',
      reason: 'this server has reached its limit of 2 registered clients',
    });
    expect(checkQuota(perToken, 1)?.reason).toBe(
      'this initial access token has reached its limit of 1 registered clients',
    );
    expect(checkQuota(perSoftware, 0)).toMatchObject({
      policy: MAX_CLIENTS_PER_SOFTWARE_ID,
      field: '/software_id',
    });
  });
});
