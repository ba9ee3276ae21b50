import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DcrAdminService, type DcrModuleOptions } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { register, statuses, type Answer } from './support/rate-limit-requests.js';

// Registration in `mixed` mode: requests with a valid initial access token (RFC 7591 §3), which
// `RegistrantGuard` recognises before the rate limits run, are exempt from them by default; the
// token's own use count bounds them.

async function registerEach(t: DcrTestApp, headers: Record<string, string>[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const header of headers) answers.push(await register(t.server, undefined, header));
  return answers;
}

function appWith(rateLimit: DcrModuleOptions['registrationRateLimit']): Promise<DcrTestApp> {
  return createDcrTestApp({
    dcr: { registration: { mode: 'mixed' }, registrationRateLimit: rateLimit },
  });
}

/** A header with a fresh initial access token good for `uses` registrations. */
async function withToken(t: DcrTestApp, uses: number): Promise<Record<string, string>> {
  const minted = await t.app
    .get(DcrAdminService)
    .createInitialAccessToken({ expires_in: 3600, max_uses: uses });
  return { Authorization: `Bearer ${minted.token}` };
}

describe('requests with a valid initial access token', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await appWith({
      perClientIp: { limit: 2, windowSeconds: 60 },
      global: { limit: 3, windowSeconds: 60 },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('are exempt by default: they are neither refused nor counted', async () => {
    const token = await withToken(t, 10);
    const marked = await registerEach(t, [token, token, token, token, token]);
    expect(statuses(marked)).toEqual([201, 201, 201, 201, 201]);
    const anonymous = await registerEach(t, [{}, {}, {}]);
    expect(statuses(anonymous)).toEqual([201, 201, 429]);
    // Still exempt once the anonymous ones are refused.
    expect(statuses(await registerEach(t, [token]))).toEqual([201]);
  });
});

describe('with exemptInitialAccessTokens: false', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await appWith({
      perClientIp: { limit: 2, windowSeconds: 60 },
      exemptInitialAccessTokens: false,
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('they are counted like any other', async () => {
    const token = await withToken(t, 10);
    const answers = await registerEach(t, [token, token, token, {}]);
    expect(statuses(answers)).toEqual([201, 201, 429, 429]);
  });
});

describe('an exemption that a request cannot forge', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await appWith({ perClientIp: { limit: 1, windowSeconds: 60 } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('is not granted for a token the server did not mint, nor for claims in headers or the body', async () => {
    const forged = { 'X-Test-Token': 'valid', kind: 'initial_access_token' };
    expect(statuses(await registerEach(t, [forged, forged]))).toEqual([201, 429]);
    // An unknown token is refused by RegistrantGuard before the rate limit counts anything.
    const unknown = await register(t.server, undefined, { Authorization: 'Bearer not-minted' });
    expect(unknown.status).toBe(401);
    const bodyClaim = await register(t.server, {
      redirect_uris: ['http://127.0.0.1:1/cb'],
      token_endpoint_auth_method: 'none',
      kind: 'initial_access_token',
    });
    expect(bodyClaim.status).toBe(429);
  });
});
