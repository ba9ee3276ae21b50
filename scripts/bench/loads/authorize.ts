import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type autocannon from 'autocannon';
import type { LoadDefinition } from '../definitions.js';
import type { ServerProcess } from '../server-process.js';

/** Where the authorization answer would go: a loopback redirect (RFC 8252 §7.3). */
const REDIRECT_URI = 'http://127.0.0.1:33418/callback';

/** The redirect URI the clients register or publish: port-less loopback, any port matches. */
const REGISTERED_REDIRECT_URI = 'http://127.0.0.1/callback';

/** A fixed PKCE challenge (RFC 7636 §4.2): the bench never redeems the code. */
const CODE_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

/** What node-oidc-provider answers an authorization request that needs a sign-in with. */
const REDIRECT_STATUS = 303;

/**
 * `GET /authorize` (RFC 6749 §4.1.1, with PKCE) of a public client, up to the server's first
 * answer: the client is resolved, the request checked, and an interaction stored, and the answer
 * is a redirect to the sign-in page. Nothing after it (sign-in, consent, token) is measured.
 */
function authorizationRequest(clientId: string): autocannon.Request {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    code_challenge: CODE_CHALLENGE,
    code_challenge_method: 'S256',
    state: 'bench',
  });
  return { method: 'GET', path: `/authorize?${query.toString()}` };
}

/** Sends one authorization request; throws unless it is redirected to the interaction page. */
async function checkAuthorization(server: ServerProcess, clientId: string): Promise<void> {
  const request = authorizationRequest(clientId);
  const response = await fetch(`${server.url}${request.path}`, { redirect: 'manual' });
  const location = response.headers.get('location') ?? '';
  if (response.status !== REDIRECT_STATUS || !location.includes('/interaction/')) {
    throw new Error(
      `GET /authorize for ${clientId} answered ${response.status} ${location}: ${(await response.text()).slice(0, 300)}`,
    );
  }
}

/** A client registered through the server's API (RFC 7591), public with a loopback redirect. */
export const AUTHORIZE_REGISTERED: LoadDefinition = {
  id: 'authorize-registered',
  description: 'GET /authorize of a registered public client, answered 303 to the sign-in page',
  successStatus: REDIRECT_STATUS,
  async prepare(server) {
    const response = await fetch(`${server.url}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: 'Bench Agent',
        redirect_uris: [REGISTERED_REDIRECT_URI],
        token_endpoint_auth_method: 'none',
      }),
    });
    const { client_id: clientId } = (await response.json()) as { client_id?: unknown };
    if (typeof clientId !== 'string') throw new Error(`registration answered ${response.status}`);
    await checkAuthorization(server, clientId);
    return () => authorizationRequest(clientId);
  },
};

let documentServer: Promise<Server> | undefined;

/**
 * The Client ID Metadata Document, served by the bench process on a loopback port with a long
 * `max-age`, so that after the first authorization the server answers from its cache.
 */
function serveDocument(): Promise<Server> {
  documentServer ??= (async () => {
    const server = createServer((request, response) => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      response.writeHead(200, {
        'content-type': 'application/json',
        'cache-control': 'max-age=3600',
      });
      response.end(
        JSON.stringify({
          client_id: `http://127.0.0.1:${port}${request.url ?? ''}`,
          client_name: 'Bench Agent (CIMD)',
          redirect_uris: [REGISTERED_REDIRECT_URI],
          token_endpoint_auth_method: 'none',
        }),
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    server.unref();
    return server;
  })();
  return documentServer;
}

/** A client whose `client_id` is the URL of its metadata document (issue 11), once cached. */
export const AUTHORIZE_CIMD: LoadDefinition = {
  id: 'authorize-cimd',
  description:
    'GET /authorize of a Client ID Metadata Document client (document cached), answered 303',
  successStatus: REDIRECT_STATUS,
  async prepare(server) {
    const address = (await serveDocument()).address();
    if (address === null || typeof address === 'string') throw new Error('no document server');
    const clientId = `http://127.0.0.1:${address.port}/bench-agent.json`;
    await checkAuthorization(server, clientId);
    return () => authorizationRequest(clientId);
  },
};
