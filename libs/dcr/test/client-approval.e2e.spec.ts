import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  ClientAuthenticationService,
  DcrClientResolver,
  DcrEvents,
  OAuthError,
  type DcrEvent,
} from '../src/index.js';
import { createDcrTestApp, type DcrTestApp } from './support/dcr-test-app.js';
import { ADMIN_TOKEN, registerWith } from './support/initial-access-requests.js';

const CONFIDENTIAL = {
  redirect_uris: ['https://app.example.com/cb'],
  token_endpoint_auth_method: 'client_secret_post',
};

describe('pending approval', () => {
  let t: DcrTestApp;
  let clients: ClientAuthenticationService;
  const events: DcrEvent[] = [];

  beforeAll(async () => {
    t = await createDcrTestApp({
      adminPath: 'admin',
      dcr: { adminToken: ADMIN_TOKEN, registration: { rules: { approval: 'pending' } } },
    });
    clients = t.app.get(ClientAuthenticationService);
    t.app.get(DcrEvents).subscribe((event) => events.push(event));
  });

  afterAll(async () => {
    await t.close();
  });

  const approve = (clientId: string) =>
    request(t.server)
      .post(`/admin/clients/${clientId}/approval`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`);

  it('says so in the response, refuses authentication and resolution until an operator approves, then accepts', async () => {
    const response = await registerWith(t.server, CONFIDENTIAL).expect(201);
    const { client_id: clientId, client_secret: secret } = response.body as Record<string, string>;
    expect(response.body.approval_status).toBe('pending');
    expect(events.find((event) => event.clientId === clientId)?.details).toMatchObject({
      approval_status: 'pending',
    });
    expect((await clients.findClient(clientId))?.approvalStatus).toBe('pending');

    const attempt = () =>
      clients.authenticate({ body: { client_id: clientId, client_secret: secret } });
    const refused = await attempt().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(OAuthError);
    expect((refused as OAuthError).error).toBe('invalid_client');

    // An authorization server resolving clients (DcrClientResolver) does not know it yet either.
    const resolver = t.app.get(DcrClientResolver);
    expect(await resolver.resolve(clientId)).toBeUndefined();
    expect(await resolver.verifyClientSecret(clientId, secret)).toBe(false);

    await approve(clientId).expect(204);
    expect(await resolver.resolve(clientId)).toMatchObject({ clientId });
    expect(await resolver.verifyClientSecret(clientId, secret)).toBe(true);
    expect(events.filter((event) => event.type === 'client.approved')).toEqual([
      expect.objectContaining({ clientId, actor: 'operator' }),
    ]);
    expect((await attempt()).clientId).toBe(clientId);
    expect((await clients.findClient(clientId))?.approvalStatus).toBe('approved');

    // Approving again changes nothing and publishes nothing.
    await approve(clientId).expect(204);
    expect(events.filter((event) => event.type === 'client.approved')).toHaveLength(1);

    // The configuration endpoint no longer shows it pending.
    const read = await request(t.server)
      .get(new URL(response.body.registration_client_uri as string).pathname)
      .set('Authorization', `Bearer ${response.body.registration_access_token}`)
      .expect(200);
    expect(read.body).not.toHaveProperty('approval_status');
  });

  it('answers 404 for an unknown client and 401 without the admin token', async () => {
    const unknown = await approve('AAAAAAAAAAAAAAAAAAAAAA').expect(404);
    expect(unknown.body.error).toBe('invalid_request');
    await approve('not-a-client-id').expect(404);
    const registered = await registerWith(t.server, CONFIDENTIAL).expect(201);
    await request(t.server)
      .post(`/admin/clients/${registered.body.client_id}/approval`)
      .expect(401);
    expect((await clients.findClient(registered.body.client_id as string))?.approvalStatus).toBe(
      'pending',
    );
  });
});
