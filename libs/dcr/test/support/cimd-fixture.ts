import type { ServerResponse } from 'node:http';
import { startHttpFixture, type FixtureServer } from './outbound-fixtures.js';

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
 * A loopback http server publishing Client ID Metadata Documents, for tests with the fetcher's
 * test switch (`outbound.allowLoopbackHttp`): each path answers as its route says, and every
 * request is counted, so a test can tell how many fetches reached the client's server.
 */
export interface CimdFixture {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly server: FixtureServer;
  /** The URL of `path` on the fixture: a document's `client_id`. */
  url(path: string): string;
  /** Sets (or replaces) how `path` answers. */
  route(path: string, route: CimdRoute): void;
  /** Serves `document` at `path` with status 200 and `headers`. */
  publish(path: string, document: unknown, headers?: Readonly<Record<string, string>>): void;
  /** Requests received for `path`. */
  fetches(path: string): number;
  /** When each request for `path` arrived (ms since the epoch). */
  fetchTimes(path: string): readonly number[];
  close(): Promise<void>;
}

export async function startCimdFixture(): Promise<CimdFixture> {
  const routes = new Map<string, CimdRoute>();
  const times = new Map<string, number[]>();
  const server = await startHttpFixture((request, response) => {
    const path = request.url ?? '/';
    times.set(path, [...(times.get(path) ?? []), Date.now()]);
    const route = routes.get(path) ?? { status: 404, body: { error: 'not found' } };
    if (route.stall) return;
    const answer = () => respond(response, route);
    if (route.delayMs) setTimeout(answer, route.delayMs);
    else answer();
  });
  const origin = `http://127.0.0.1:${server.port}`;
  return {
    origin,
    server,
    url: (path) => `${origin}${path}`,
    route: (path, route) => void routes.set(path, route),
    publish: (path, document, headers = {}) => void routes.set(path, { body: document, headers }),
    fetches: (path) => times.get(path)?.length ?? 0,
    fetchTimes: (path) => times.get(path) ?? [],
    close: () => server.close(),
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
