import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, Module, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { markRegistrationCaller, type DcrModuleOptions } from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { register, statuses, type Answer } from './support/rate-limit-requests.js';

/**
 * Stands in for the initial access token guard: it marks a request that says `X-Test-Token: valid`
 * the way that guard marks one whose token is valid. Global guards run before the module's.
 */
@Injectable()
class MarkingGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    if (request.headers['x-test-token'] === 'valid') {
      markRegistrationCaller(request, { kind: 'initial_access_token', tokenId: 'iat-1' });
    }
    return true;
  }
}

@Module({ providers: [{ provide: APP_GUARD, useClass: MarkingGuard }] })
class MarkingModule {}

const withToken = { 'X-Test-Token': 'valid' };

async function registerEach(t: DcrTestApp, headers: Record<string, string>[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const header of headers) answers.push(await register(t.server, undefined, header));
  return answers;
}

function appWith(rateLimit: DcrModuleOptions['registrationRateLimit']): Promise<DcrTestApp> {
  return createDcrTestApp({
    dcr: { registrationRateLimit: rateLimit },
    hostModules: [MarkingModule],
  });
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
    const marked = await registerEach(t, [withToken, withToken, withToken, withToken, withToken]);
    expect(statuses(marked)).toEqual([201, 201, 201, 201, 201]);
    const anonymous = await registerEach(t, [{}, {}, {}]);
    expect(statuses(anonymous)).toEqual([201, 201, 429]);
    // Still exempt once the anonymous ones are refused.
    expect(statuses(await registerEach(t, [withToken]))).toEqual([201]);
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
    const answers = await registerEach(t, [withToken, withToken, withToken, {}]);
    expect(statuses(answers)).toEqual([201, 201, 429, 429]);
  });
});

describe('a marker that a request cannot forge', () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await appWith({ perClientIp: { limit: 1, windowSeconds: 60 } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('is not read from headers or the body', async () => {
    const forged = {
      'X-Test-Token': 'invalid',
      kind: 'initial_access_token',
    };
    const answers = await registerEach(t, [forged, forged]);
    expect(statuses(answers)).toEqual([201, 429]);
    const bodyClaim = await register(t.server, {
      redirect_uris: ['http://127.0.0.1:1/cb'],
      token_endpoint_auth_method: 'none',
      kind: 'initial_access_token',
    });
    expect(bodyClaim.status).toBe(429);
  });
});
