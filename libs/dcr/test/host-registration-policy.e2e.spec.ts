import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Global, Injectable, Module } from '@nestjs/common';
import {
  DCR_REGISTRATION_POLICY,
  type ClientMetadata,
  type RegistrationContext,
  type RegistrationPolicy,
  type RegistrationPolicyDecision,
} from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { ADMIN_TOKEN, mintToken, registerWith } from './support/initial-access-requests.js';
import { publicClient } from './support/registration-requests.js';

const seen: RegistrationContext[] = [];

/** A host policy: no "test" in names; anonymous clients get a name prefix. */
@Injectable()
class TenantPolicy implements RegistrationPolicy {
  async evaluate(
    metadata: ClientMetadata,
    context: RegistrationContext,
  ): Promise<RegistrationPolicyDecision> {
    seen.push(context);
    await Promise.resolve();
    if (metadata.client_name?.includes('test')) {
      return {
        reject: {
          error: 'invalid_client_metadata',
          description: 'client names must not contain "test"',
          policy: 'tenant_names',
          field: '/client_name',
        },
      };
    }
    if (metadata.client_name === 'break it') {
      return { accept: true, metadata: { ...metadata, redirect_uris: ['javascript:alert(1)'] } };
    }
    if (context.caller === 'anonymous') {
      return {
        accept: true,
        metadata: { ...metadata, client_name: `[guest] ${metadata.client_name ?? ''}` },
      };
    }
    return undefined;
  }
}

@Global()
@Module({
  providers: [{ provide: DCR_REGISTRATION_POLICY, useClass: TenantPolicy }],
  exports: [DCR_REGISTRATION_POLICY],
})
class TenantPolicyModule {}

describe("the host's RegistrationPolicy (DCR_REGISTRATION_POLICY)", () => {
  let t: DcrTestApp;

  beforeAll(async () => {
    t = await createDcrTestApp({
      adminPath: 'admin',
      hostModules: [TenantPolicyModule],
      dcr: { adminToken: ADMIN_TOKEN, registration: { mode: 'mixed' } },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses with the error, rule and field it chose', async () => {
    const response = await registerWith(t.server, {
      ...publicClient,
      client_name: 'my test app',
    }).expect(400);
    expect(response.body).toEqual({
      error: 'invalid_client_metadata',
      error_description: "client_name: client names must not contain 'test' (policy tenant_names)",
      policy: 'tenant_names',
      field: '/client_name',
    });
  });

  it('adjusts the metadata that is stored and returned', async () => {
    const response = await registerWith(t.server, { ...publicClient, client_name: 'Agent' }).expect(
      201,
    );
    expect(response.body.client_name).toBe('[guest] Agent');
    const [row] = await t.schema.query<{ metadata: { client_name: string } }>(
      'SELECT metadata FROM dcr_client WHERE client_id = $1',
      [response.body.client_id],
    );
    expect(row?.metadata.client_name).toBe('[guest] Agent');
  });

  it('validates adjusted metadata again, and says the policy made it', async () => {
    const response = await registerWith(t.server, {
      ...publicClient,
      client_name: 'break it',
    }).expect(400);
    expect(response.body).toMatchObject({
      error: 'invalid_redirect_uri',
      policy: 'registration_policy',
    });
    expect(response.body.error_description).toMatch(/adjusted by the host's registration policy/);
  });

  it('sees who registers: anonymous or the token id, the client IP, dry runs', async () => {
    seen.length = 0;
    const minted = await mintToken(t);
    await registerWith(
      t.server,
      { ...publicClient, client_name: 'Tokened' },
      minted.token,
      '?dry_run=true',
    ).expect(200);
    const registered = await registerWith(
      t.server,
      { ...publicClient, client_name: 'Tokened' },
      minted.token,
    ).expect(201);
    expect(registered.body.client_name).toBe('Tokened');
    expect(seen).toEqual([
      {
        operation: 'register',
        caller: 'initial_access_token',
        initialAccessTokenId: minted.id,
        clientIp: expect.any(String),
        dryRun: true,
      },
      {
        operation: 'register',
        caller: 'initial_access_token',
        initialAccessTokenId: minted.id,
        clientIp: expect.any(String),
        dryRun: false,
      },
    ]);
    expect(JSON.stringify(seen)).not.toContain(minted.token);
    expect(seen[0]?.clientIp).toMatch(/127\.0\.0\.1|::1/);
  });
});
