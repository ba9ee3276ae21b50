import type { TestCertificate } from '@agent-runtimes/testing';
import { once } from 'node:events';
import {
  createServer as createHttpServer,
  type RequestListener,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';

/** How the fixture answers one path. */
export interface CimdRoute {
  /** Default 200. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON value to serve, or raw text. */
  readonly body?: unknown;
  /** Wait this long before answering (to make concurrent fetches overlap). */
  readonly delayMs?: number;
  /** Accept the request and never answer. */
  readonly stall?: boolean;
}

/**
 * A loopback server publishing Client ID Metadata Documents for the identity app started with
 * `CIMD_ALLOW_LOOPBACK_HTTP=true`: each path answers as its route says (404 when it has none),
 * and every request is counted, so a test can tell how many fetches reached the client's server.
 */
export interface CimdFixture {
  /** `http://127.0.0.1:<port>` or `https://127.0.0.1:<port>` */
  readonly origin: string;
  /** The URL of `path` on the fixture: a document's `client_id`. */
  url(path: string): string;
  /** Sets (or replaces) how `path` answers. */
  route(path: string, route: CimdRoute): void;
  /** Serves `document` at `path` with status 200 and `headers`. */
  publish(path: string, document: unknown, headers?: Readonly<Record<string, string>>): void;
  /** Requests received for `path`. */
  fetches(path: string): number;
  close(): Promise<void>;
}

/**
 * Starts the fixture on 127.0.0.1: plain http, or https with `tls` (for clients that insist on an
 * https `client_id`, as the MCP SDK does; the app then trusts the certificate through Node's
 * `NODE_EXTRA_CA_CERTS`).
 */
export async function startCimdFixture(tls?: TestCertificate): Promise<CimdFixture> {
  const routes = new Map<string, CimdRoute>();
  const counts = new Map<string, number>();
  const handler: RequestListener = (request, response) => {
    const path = request.url ?? '/';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const route = routes.get(path) ?? { status: 404, body: { error: 'not found' } };
    if (route.stall) return;
    if (route.delayMs) setTimeout(() => respond(response, route), route.delayMs);
    else respond(response, route);
  };
  const server = tls
    ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler)
    : createHttpServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${address.port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, route) => void routes.set(path, route),
    publish: (path, document, headers = {}) => void routes.set(path, { body: document, headers }),
    fetches: (path) => counts.get(path) ?? 0,
    async close() {
      // Stalled requests keep their sockets open: end them, or close() waits for ever.
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

function respond(response: ServerResponse, route: CimdRoute): void {
  if (response.destroyed) return;
  const body = typeof route.body === 'string' ? route.body : JSON.stringify(route.body ?? null);
  response.writeHead(route.status ?? 200, {
    'content-type': 'application/json',
    ...route.headers,
  });
  response.end(body);
}

export { selfSignedCertificate, type TestCertificate } from '@agent-runtimes/testing';
