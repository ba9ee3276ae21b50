/**
 * The HTTP plumbing of the raw `node:http` floors (`floor-server.ts`, `floor-token.ts`,
 * `provider-floor-server.ts`): a JSON answer, a body read in full, a bearer token, and the
 * listen-and-stop every floor process does. Not part of any shipped code.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type pg from 'pg';

/** RFC 6749 §5.1 / RFC 7591 §3.2.1: responses with credentials are not cached. */
export const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** RFC 6750 §2.1: the token of an `Authorization: Bearer` header, if it has one. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization?.trim() ?? '')?.[1];
}

/** Answers `status` with `body` as JSON, and `headers`. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    ...headers,
  });
  res.end(json);
}

/** The request body as text; `undefined` once it exceeds `limitBytes` (no limit by default). */
export async function readText(
  req: IncomingMessage,
  limitBytes = Number.POSITIVE_INFINITY,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Listens on `127.0.0.1:port`, keeping idle keep-alive connections as long as Fastify's default
 * (so that no server closes them sooner than another), and on SIGTERM or SIGINT closes the server
 * and `pool`, then exits.
 */
export function serveFloor(server: Server, pool: pg.Pool, port: number): void {
  server.keepAliveTimeout = 72_000;
  server.listen(port, '127.0.0.1');
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void pool.end().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
