import { describe, expect, it } from '@jest/globals';
import type { AdapterPayload } from 'oidc-provider';
import { digestOf, fromStoredModel, storedId, toStoredModel } from './stored-model.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const CODE = 'Ffk0sWd3vT2nG8x_code_value_that_is_a_credential';

describe('storedId', () => {
  it('stores bearer values as their SHA-256 digest, base64url', () => {
    expect(storedId('AuthorizationCode', CODE)).toBe(digestOf(CODE));
    expect(storedId('RefreshToken', CODE)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(storedId('Session', CODE)).not.toContain(CODE);
  });

  it('keeps a grant id, which tokens refer to and which grants nothing', () => {
    expect(storedId('Grant', 'grant-1')).toBe('grant-1');
  });
});

describe('toStoredModel', () => {
  const payload = {
    jti: CODE,
    kind: 'AuthorizationCode',
    grantId: 'grant-1',
    clientId: 'client-1',
    exp: 1_900_000_000,
    consumed: 123,
  } as AdapterPayload;

  it('keeps neither the identifier nor a consumption flag in the payload', () => {
    const row = toStoredModel('AuthorizationCode', CODE, payload, 60, NOW);
    expect(JSON.stringify(row)).not.toContain(CODE);
    expect(row.payload).toEqual({
      kind: 'AuthorizationCode',
      grantId: 'grant-1',
      clientId: 'client-1',
      exp: 1_900_000_000,
    });
    expect(row).toMatchObject({
      id: digestOf(CODE),
      kind: 'AuthorizationCode',
      grantId: 'grant-1',
      clientId: 'client-1',
      uid: null,
      userCode: null,
      consumedAt: null,
    });
  });

  it('expires after expiresIn seconds, or at exp without it', () => {
    expect(toStoredModel('AuthorizationCode', CODE, payload, 60, NOW).expiresAt).toEqual(
      new Date(NOW.getTime() + 60_000),
    );
    expect(toStoredModel('AuthorizationCode', CODE, payload, undefined, NOW).expiresAt).toEqual(
      new Date(1_900_000_000_000),
    );
    expect(toStoredModel('Grant', 'g', { kind: 'Grant' }, undefined, NOW).expiresAt).toBeNull();
  });

  it("drops an interaction's copy of the session cookie and finds its client", () => {
    const row = toStoredModel(
      'Interaction',
      'uid-1',
      {
        kind: 'Interaction',
        session: { uid: 's1', cookie: 'session-cookie-value', accountId: 'alice' },
        params: { client_id: 'client-2' },
      },
      600,
      NOW,
    );
    expect(JSON.stringify(row)).not.toContain('session-cookie-value');
    expect(row.payload.session).toEqual({ uid: 's1', accountId: 'alice' });
    expect(row.clientId).toBe('client-2');
  });

  it('indexes a grant by its own id, a session by its uid, a user code by its digest', () => {
    expect(toStoredModel('Grant', 'g1', { kind: 'Grant' }, 1, NOW).grantId).toBe('g1');
    expect(toStoredModel('Session', 's', { kind: 'Session', uid: 'u1' }, 1, NOW).uid).toBe('u1');
    const device = toStoredModel(
      'DeviceCode',
      'd',
      { kind: 'DeviceCode', userCode: 'ABCD-EFGH' },
      1,
      NOW,
    );
    expect(device.userCode).toBe(digestOf('ABCD-EFGH'));
  });
});

describe('fromStoredModel', () => {
  const row = toStoredModel('RefreshToken', CODE, { kind: 'RefreshToken', grantId: 'g' }, 60, NOW);

  it('gives the identifier back when the model was looked up by it', () => {
    expect(fromStoredModel(row, CODE)).toEqual({ kind: 'RefreshToken', grantId: 'g', jti: CODE });
    expect(fromStoredModel(row)).toEqual({ kind: 'RefreshToken', grantId: 'g' });
  });

  it('says when the model was consumed, in seconds', () => {
    const consumed = { ...row, consumedAt: new Date(NOW.getTime() + 1500) };
    expect(fromStoredModel(consumed, CODE).consumed).toBe(NOW.getTime() / 1000 + 1);
  });
});
