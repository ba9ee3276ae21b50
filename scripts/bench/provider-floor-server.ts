/**
 * The token floor's work behind bare node-oidc-provider: the library the identity app's token
 * endpoint is built on, as it comes, with nothing of the app's own code. An information row of
 * the bench: between the token floor and the identity app, it shows what the library alone costs.
 *
 * Per `POST /token` (client_credentials, `client_secret_basic`): oidc-provider's own routing,
 * form parsing, client authentication and grant handling, with the floor's one SELECT by primary
 * key as its client adapter's `find`, a SHA-256 digest comparison of the secret (as the floor and
 * the identity app: no secret is stored), and one ES256 JWT access token (RFC 9068, through
 * resource indicators, as the identity app issues them). oidc-provider's own cache of built
 * clients, as it comes. `POST /register` and `GET /health` answer as the floor's (same INSERT,
 * same table). Run as a child process by the bench (`FLOOR_*` variables) after the floor has
 * created the table; not part of any shipped code.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Adapter, type AdapterPayload } from 'oidc-provider';
import {
  findFloorClient,
  floorSettings,
  registerFloorClient,
  untilFloorTable,
} from './floor-client.js';
import { NO_STORE, readText, sendJson as send, serveFloor } from './floor-http.js';

const { port, issuer, pool } = floorSettings();
const ALG = 'ES256';
/** The one resource the access tokens are for (the identity app's default resource does the same). */
const RESOURCE = `${issuer}/mcp`;

/** The client's metadata as oidc-provider reads it: the stored digest stands in for the secret. */
async function findClient(clientId: string): Promise<AdapterPayload | undefined> {
  const row = await findFloorClient(pool, clientId);
  if (!row?.client_secret_digest) return undefined;
  const metadata = row.metadata as { grant_types?: string[] };
  return {
    client_id: row.client_id,
    client_secret: row.client_secret_digest.toString('hex'),
    grant_types: metadata.grant_types ?? [],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
  };
}

/** Clients from the floor's table; anything else in memory (a client_credentials JWT stores nothing). */
class FloorAdapter implements Adapter {
  private static readonly stored = new Map<string, AdapterPayload>();

  constructor(private readonly model: string) {}

  upsert(id: string, payload: AdapterPayload): Promise<void> {
    FloorAdapter.stored.set(`${this.model}:${id}`, payload);
    return Promise.resolve();
  }
  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.model === 'Client') return findClient(id);
    return FloorAdapter.stored.get(`${this.model}:${id}`);
  }
  findByUserCode(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  findByUid(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  async consume(): Promise<void> {}
  destroy(id: string): Promise<void> {
    FloorAdapter.stored.delete(`${this.model}:${id}`);
    return Promise.resolve();
  }
  async revokeByGrantId(): Promise<void> {}
}

async function main(): Promise<void> {
  await untilFloorTable(pool);
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const provider = new Provider(issuer, {
    adapter: FloorAdapter,
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: ALG, use: 'sig', kid: 'bench' }] },
    clientDefaults: { id_token_signed_response_alg: ALG },
    enabledJWA: { idTokenSigningAlgValues: [ALG] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'mcp:tools',
          audience: RESOURCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: ALG } },
        }),
      },
    },
  });
  // As the identity app: the presented secret's digest against the stored one, in constant time.
  const prototype = provider.Client.prototype as unknown as {
    clientSecret: string;
    compareClientSecret(secret: string): Promise<boolean>;
  };
  prototype.compareClientSecret = function compareClientSecret(secret) {
    const given = createHash('sha256').update(secret, 'utf8').digest();
    return Promise.resolve(timingSafeEqual(given, Buffer.from(this.clientSecret, 'hex')));
  };
  const oidc = provider.callback();

  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/register') {
      readText(req)
        .then(async (text = '') =>
          send(res, 201, await registerFloorClient(pool, issuer, JSON.parse(text)), NO_STORE),
        )
        .catch((error: unknown) => {
          console.error(error);
          if (!res.headersSent) send(res, 400, { error: 'invalid_client_metadata' });
        });
      return;
    }
    if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' });
    void oidc(req, res);
  });
  serveFloor(server, pool, port);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
