import { describe, expect, it } from '@jest/globals';
import type { ClientWithSecretCheck, DcrClientResolver, ResolvedClient } from '@agent-runtimes/dcr';
import { providerClientSource } from './provider-client-source.js';

const ISSUED = new Date('2030-01-01T00:00:00Z');

const SERVICE_CLIENT: ResolvedClient = {
  source: 'registration',
  clientId: 'service',
  metadata: {
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials'],
    response_types: [],
  },
  hasSecret: true,
  clientSecretExpiresAt: null,
  issuedAt: ISSUED,
  updatedAt: ISSUED,
};

/** The resolver's answers for `service` (secret "right") and nothing else, counting the reads. */
function resolver() {
  const reads = { count: 0 };
  const clients = {
    resolveForAuthentication(clientId: string): Promise<ClientWithSecretCheck | undefined> {
      reads.count += 1;
      return Promise.resolve(
        clientId === 'service'
          ? { client: SERVICE_CLIENT, verifySecret: (secret: string) => secret === 'right' }
          : undefined,
      );
    },
    verifyClientSecret(): Promise<boolean> {
      reads.count += 1;
      return Promise.resolve(false);
    },
  };
  return { clients: clients as unknown as DcrClientResolver, reads };
}

describe('providerClientSource', () => {
  it('reads a client once per request: its look-ups and its secret check share the read', async () => {
    const { clients, reads } = resolver();
    let request: object | undefined = {};
    const source = providerClientSource(clients, 'placeholder', () => request);
    const first = await source.find('service');
    expect(first).toMatchObject({ client_id: 'service', client_secret: 'placeholder' });
    expect(await source.find('service')).toBe(first);
    expect(await source.verifySecret('service', 'right')).toBe(true);
    expect(await source.verifySecret('service', 'wrong')).toBe(false);
    expect(reads.count).toBe(1);

    // The next request reads again: nothing outlives a request.
    request = {};
    await source.find('service');
    expect(reads.count).toBe(2);
    // Outside a request nothing is remembered.
    request = undefined;
    await source.find('service');
    await source.find('service');
    expect(reads.count).toBe(4);
  });

  it('reads an unknown client once per request too', async () => {
    const { clients, reads } = resolver();
    const request = {};
    const source = providerClientSource(clients, 'placeholder', () => request);
    expect(await source.find('nobody')).toBeUndefined();
    expect(await source.find('nobody')).toBeUndefined();
    expect(reads.count).toBe(1);
    // Another client in the same request is read.
    await source.find('service');
    expect(reads.count).toBe(2);
  });
});
