import type autocannon from 'autocannon';
import type { LoadDefinition } from '../definitions.js';
import { checkRead, type ClientCredentials } from '../register-clients.js';

/**
 * `GET /register/{client_id}` (RFC 7592 §2.1) with `Authorization: Bearer
 * <registration_access_token>`, cycling through the clients registered before measuring, each
 * request with its own client's token.
 */
export const READ: LoadDefinition = {
  id: 'read',
  description:
    'GET /register/{client_id} with the client’s registration access token (RFC 7592 §2.1)',
  async prepare(server, context) {
    const clients = await context.registeredClients(server);
    await checkRead(server.url, clients[0]);
    return () => cyclingRead(clients, (client) => client.path);
  },
};

/** Path prefix under which the floor serves reads without authentication (floor-server.ts). */
export const NO_AUTH_PREFIX = '/no-auth';

/**
 * The floor's `GET /no-auth/register/{client_id}`: one SELECT by primary key and no token check,
 * the floor of the independent benchmark (issue 8). The request still carries the bearer token,
 * so that the bytes sent differ from {@link READ}'s only by the path prefix; the floor ignores it.
 * Only the floor serves this path.
 */
export const READ_WITHOUT_AUTH: LoadDefinition = {
  id: 'read-no-auth',
  description: 'GET /no-auth/register/{client_id} on the floor: one SELECT, no token check',
  async prepare(server, context) {
    const clients = await context.registeredClients(server);
    const [first] = clients;
    await checkRead(server.url, { ...first, path: `${NO_AUTH_PREFIX}${first.path}` });
    return () => cyclingRead(clients, (client) => `${NO_AUTH_PREFIX}${client.path}`);
  },
};

/** GET of each client in turn, with its own bearer token, shared by all connections. */
function cyclingRead(
  clients: readonly ClientCredentials[],
  pathOf: (client: ClientCredentials) => string,
): autocannon.Request {
  if (clients.length === 0) throw new Error('reads need registered clients');
  let next = 0;
  return {
    method: 'GET',
    setupRequest: (request) => {
      const client = clients[next++ % clients.length];
      return {
        ...request,
        path: pathOf(client),
        headers: { ...request.headers, authorization: `Bearer ${client.token}` },
      };
    },
  };
}
