import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { Provider, type AdapterPayload } from 'oidc-provider';
import { keepBuiltClients, type ClientFinder } from './built-clients.js';

const SIGNING_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  format: 'jwk',
});

/** A provider whose `Client` adapter reads `registered`, counting the reads. */
function providerOver(registered: Map<string, AdapterPayload>) {
  const reads = { count: 0 };
  const source = {
    find(id: string): Promise<AdapterPayload | undefined> {
      reads.count += 1;
      return Promise.resolve(registered.get(id));
    },
  };
  const provider = new Provider('https://issuer.example', {
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
    scopes: ['openid', 'api', 'admin'],
    jwks: { keys: [{ ...SIGNING_KEY, kid: 'test' }] as never },
    adapter: class {
      constructor(private readonly name: string) {}
      find(id: string) {
        return this.name === 'Client' ? source.find(id) : Promise.resolve(undefined);
      }
    } as never,
  });
  const Client = provider.Client as unknown as ClientFinder;
  return { Client, source, reads };
}

function serviceClient(id: string, scope = 'api'): AdapterPayload {
  return {
    client_id: id,
    client_secret: 'placeholder',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope,
  };
}

describe('keepBuiltClients', () => {
  it('reuses a built client across more active clients than oidc-provider keeps itself', async () => {
    const registered = new Map(
      Array.from({ length: 400 }, (_, i) => [`c${i}`, serviceClient(`c${i}`)] as const),
    );
    const { Client, source } = providerOver(registered);
    keepBuiltClients(Client, source);
    const first = await Client.find('c0');
    for (let i = 1; i < 400; i += 1) await Client.find(`c${i}`);
    expect(await Client.find('c0')).toBe(first);

    // Without it, oidc-provider's own cache has forgotten c0 by then and builds it again.
    const plain = providerOver(registered).Client;
    const before = await plain.find('c0');
    for (let i = 1; i < 400; i += 1) await plain.find(`c${i}`);
    expect(await plain.find('c0')).not.toBe(before);
  });

  it('builds again when the metadata changed (an RFC 7592 update) and forgets a deleted client', async () => {
    const registered = new Map([['c1', serviceClient('c1', 'api')]]);
    const { Client, source, reads } = providerOver(registered);
    keepBuiltClients(Client, source);
    const before = (await Client.find('c1')) as { scope: string };
    registered.set('c1', serviceClient('c1', 'api admin'));
    const after = (await Client.find('c1')) as { scope: string };
    expect(after).not.toBe(before);
    expect(after.scope).toBe('api admin');
    registered.delete('c1');
    expect(await Client.find('c1')).toBeUndefined();
    // Every look-up read the database: nothing is answered from memory alone.
    expect(reads.count).toBeGreaterThanOrEqual(3);
  });

  it('keeps at most its capacity, evicting the least recently used', async () => {
    const registered = new Map(['a', 'b', 'c'].map((id) => [id, serviceClient(id)] as const));
    const { Client, source, reads } = providerOver(registered);
    keepBuiltClients(Client, source, 2);
    // Outside a request the source remembers nothing, so a look-up that builds reads twice (once
    // here, once in oidc-provider's own find) and one answered from this cache reads once.
    const readsOf = async (id: string) => {
      const start = reads.count;
      await Client.find(id);
      return reads.count - start;
    };
    expect(await readsOf('a')).toBe(2);
    expect(await readsOf('b')).toBe(2);
    expect(await readsOf('a')).toBe(1); // a is now the most recent
    expect(await readsOf('c')).toBe(2); // evicts b
    expect(await readsOf('a')).toBe(1);
    expect(await readsOf('b')).toBe(2);
  });
});
