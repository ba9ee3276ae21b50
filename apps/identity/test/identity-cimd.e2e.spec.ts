import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CimdClientError, CimdClientSource } from '@agent-runtimes/dcr';
import { useIdentityOnTestSchema } from './support/in-process-identity.js';

const ISSUER = 'http://localhost:3000';
const { startApp } = useIdentityOnTestSchema();

// CIMD=on|off and CIMD_ALLOW_LOOPBACK_HTTP reach DcrModule: discovery, and the resolution of a
// document served by a loopback fixture. (The authorization server's use of it, through
// DcrClientResolver, is tested end to end in cimd-*.e2e.spec.ts.)
describe('identity app: Client ID Metadata Documents', () => {
  let fixture: Server;
  let documentUrl: string;

  beforeAll(async () => {
    fixture = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          client_id: documentUrl,
          client_name: 'Agent',
          redirect_uris: ['http://127.0.0.1/callback'],
        }),
      );
    });
    fixture.listen(0, '127.0.0.1');
    await once(fixture, 'listening');
    const address = fixture.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    documentUrl = `http://127.0.0.1:${address.port}/client.json`;
  });

  afterAll(async () => {
    fixture.close();
    await once(fixture, 'close');
  });

  const discovery = async (server: Parameters<typeof request>[0]) =>
    (await request(server).get('/.well-known/oauth-authorization-server').expect(200)).body;

  it('advertises client_id_metadata_document_supported by default (CIMD=on)', async () => {
    const { server, identity } = await startApp({ ISSUER });
    expect(await discovery(server)).toMatchObject({ client_id_metadata_document_supported: true });
    expect(identity.app.get(CimdClientSource).enabled).toBe(true);
  });

  it('advertises nothing and resolves no URL client_id with CIMD=off', async () => {
    const { server, identity } = await startApp({ ISSUER, CIMD: 'off' });
    expect(await discovery(server)).not.toHaveProperty('client_id_metadata_document_supported');
    const cimd = identity.app.get(CimdClientSource);
    await expect(cimd.resolve('https://client.example/client.json')).rejects.toMatchObject({
      error: 'invalid_client',
      rule: 'disabled',
    });
  });

  it('fetches a loopback fixture over http only with CIMD_ALLOW_LOOPBACK_HTTP=true', async () => {
    const withSwitch = await startApp({ ISSUER, CIMD_ALLOW_LOOPBACK_HTTP: 'true' });
    await expect(
      withSwitch.identity.app.get(CimdClientSource).resolve(documentUrl),
    ).resolves.toMatchObject({ source: 'cimd', clientId: documentUrl });

    const without = await startApp({ ISSUER });
    const refusal = await without.identity.app
      .get(CimdClientSource)
      .resolve(documentUrl)
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CimdClientError);
    expect(refusal).toMatchObject({ error: 'invalid_request', rule: 'https' });
  });
});
