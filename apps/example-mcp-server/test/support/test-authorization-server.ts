import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  generateSigningKey,
  mintAccessToken,
  type MintOptions,
  type TestSigningKey,
} from './test-access-tokens.js';

/** The one client the test token endpoint knows (client_credentials, client_secret_basic). */
export const TEST_CLIENT = { clientId: 'test-client', clientSecret: 'test-secret' } as const;

/**
 * A stand-in for apps/identity on a loopback port, for the resource server's side of the flow: it
 * serves RFC 8414 metadata and a JWKS, mints RFC 9068 access tokens with its keys, and has a
 * client_credentials token endpoint that honours `resource` (RFC 8707), so the MCP SDK's `auth()`
 * can get a token from it.
 */
export interface TestAuthorizationServer {
  readonly issuer: string;
  /** The published keys: RSA (the default for minting) and EC. */
  readonly keys: { readonly rsa: TestSigningKey; readonly ec: TestSigningKey };
  /** Requests served so far, by path. */
  readonly requests: Map<string, number>;
  /** The form parameters of each token request, in order. */
  readonly tokenRequests: URLSearchParams[];
  /** Mints an access token for `options.audience`, signed with a published key by default. */
  mint(options?: MintOptions): Promise<string>;
  /** Replaces the metadata document (`undefined`: answer 503, like a server that is down). */
  setMetadata(document: Record<string, unknown> | undefined): void;
  /** The metadata the server serves unless told otherwise. */
  defaultMetadata(): Record<string, unknown>;
  close(): Promise<void>;
}

const METADATA_PATH = '/.well-known/oauth-authorization-server';

/** Starts the server on 127.0.0.1; `issuerPath` gives the issuer a path (RFC 8414 §3.1). */
export async function startTestAuthorizationServer(
  issuerPath = '',
): Promise<TestAuthorizationServer> {
  const keys = {
    rsa: await generateSigningKey('rsa-1', 'RS256'),
    ec: await generateSigningKey('ec-1', 'ES256'),
  };
  const requests = new Map<string, number>();
  const tokenRequests: URLSearchParams[] = [];
  let metadata: Record<string, unknown> | undefined;
  let issuer = '';

  const defaultMetadata = () => ({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic'],
    code_challenge_methods_supported: ['S256'],
  });

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    if (request.method === 'GET' && path === `${METADATA_PATH}${issuerPath}`) {
      if (metadata === undefined) return json(response, 503, { error: 'temporarily_unavailable' });
      return json(response, 200, metadata);
    }
    if (request.method === 'GET' && path === `${issuerPath}/jwks`) {
      return json(response, 200, { keys: [keys.rsa.publicJwk, keys.ec.publicJwk] });
    }
    if (request.method === 'POST' && path === `${issuerPath}/token`) {
      const mint = (options: MintOptions) => mintAccessToken(issuer, keys.rsa, options);
      tokenResponse(request, response, tokenRequests, mint).catch((error: unknown) =>
        json(response, 500, { error: 'server_error', error_description: String(error) }),
      );
      return;
    }
    json(response, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${issuerPath}`;
  metadata = defaultMetadata();

  return {
    issuer,
    keys,
    requests,
    tokenRequests,
    mint: (options) => mintAccessToken(issuer, keys.rsa, options),
    setMetadata: (document) => (metadata = document),
    defaultMetadata,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** RFC 6749 §4.4 client_credentials with client_secret_basic, and RFC 8707 `resource`. */
async function tokenResponse(
  request: IncomingMessage,
  response: ServerResponse,
  seen: URLSearchParams[],
  mint: (options: MintOptions) => Promise<string>,
): Promise<void> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  const form = new URLSearchParams(body);
  seen.push(form);
  const expected = `Basic ${Buffer.from(`${TEST_CLIENT.clientId}:${TEST_CLIENT.clientSecret}`).toString('base64')}`;
  if (request.headers.authorization !== expected) {
    return json(response, 401, { error: 'invalid_client' });
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return json(response, 400, { error: 'unsupported_grant_type' });
  }
  const resource = form.get('resource');
  if (resource === null) return json(response, 400, { error: 'invalid_target' });
  const scope = form.get('scope') ?? 'mcp:tools';
  const accessToken = await mint({
    audience: resource,
    claims: { sub: TEST_CLIENT.clientId, client_id: TEST_CLIENT.clientId, scope },
  });
  json(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, scope });
}
