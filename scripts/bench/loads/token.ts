import type autocannon from 'autocannon';
import type { LoadDefinition } from '../definitions.js';
import { registerClients, type ClientCredentials } from '../register-clients.js';

/**
 * A service client (RFC 6749 §4.4): the client_credentials grant only, authenticating with
 * `client_secret_basic`. No redirect URI: it never sends a user anywhere.
 */
export const SERVICE_CLIENT_BODY = JSON.stringify({
  client_name: 'Bench Service',
  redirect_uris: [],
  grant_types: ['client_credentials'],
  response_types: [],
  token_endpoint_auth_method: 'client_secret_basic',
});

/** Service clients registered through each server's API before measuring; requests cycle. */
const SERVICE_CLIENTS = 200;

/** The form every request sends. */
const TOKEN_REQUEST_BODY = 'grant_type=client_credentials';

/**
 * `POST /token` with `grant_type=client_credentials` and `Authorization: Basic` (RFC 6749 §2.3.1,
 * §4.4.2), cycling through service clients registered through the server's own API, each request
 * with its own client's credentials. A correct answer is 200 with a Bearer JWT access token.
 */
export const CLIENT_CREDENTIALS: LoadDefinition = {
  id: 'client-credentials',
  description:
    'POST /token, grant_type=client_credentials with client_secret_basic (RFC 6749 §4.4), ' +
    `${SERVICE_CLIENTS} service clients in turn`,
  async prepare(server) {
    const clients = await registerClients(server.url, SERVICE_CLIENTS, 16, SERVICE_CLIENT_BODY);
    const headers = clients.map(basicAuthorization);
    await checkToken(server.url, headers[0]);
    return () => cyclingTokenRequest(headers);
  },
};

/** RFC 6749 §2.3.1: the form-urlencoded id and secret, joined by a colon, in base64. */
function basicAuthorization(client: ClientCredentials): string {
  const pair = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/** One token request; throws unless the answer is 200 with a Bearer JWT access token. */
async function checkToken(baseUrl: string, authorization: string): Promise<void> {
  const response = await fetch(`${baseUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
    body: TOKEN_REQUEST_BODY,
  });
  const text = await response.text();
  const body = (response.status === 200 ? JSON.parse(text) : {}) as {
    access_token?: unknown;
    token_type?: unknown;
  };
  if (
    typeof body.access_token !== 'string' ||
    body.access_token.split('.').length !== 3 ||
    typeof body.token_type !== 'string' ||
    body.token_type.toLowerCase() !== 'bearer'
  ) {
    throw new Error(`POST ${baseUrl}/token answered ${response.status}: ${text.slice(0, 300)}`);
  }
}

/** Token requests of each client in turn, shared by all connections. */
function cyclingTokenRequest(authorizations: readonly string[]): autocannon.Request {
  let next = 0;
  return {
    method: 'POST',
    path: '/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: TOKEN_REQUEST_BODY,
    setupRequest: (request) => ({
      ...request,
      headers: {
        ...request.headers,
        authorization: authorizations[next++ % authorizations.length],
      },
    }),
  };
}
