import type { TestCertificate } from '@agent-runtimes/testing';
import { once } from 'node:events';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type RequestListener,
  type Server as HttpServer,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { OutboundFetchError } from '../../src/index.js';

/** What a fixture server saw, so a test can prove that nothing reached it. */
export interface FixtureServer {
  readonly port: number;
  /** TCP connections accepted. */
  readonly connections: number;
  /** Bytes received over all connections. */
  readonly bytesReceived: number;
  /** Requests received (HTTP fixtures only), in order. */
  readonly requests: readonly IncomingMessage[];
  /** Resolves once every accepted connection is closed (by the client or the server). */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

function track(server: Server | HttpServer, requests: IncomingMessage[]): FixtureServer {
  const sockets = new Set<Socket>();
  const closed: Promise<unknown>[] = [];
  let connections = 0;
  let bytesReceived = 0;
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => (bytesReceived += chunk.length));
    socket.on('error', () => undefined); // a client destroying the socket is expected
    // Not events.once: it would reject on the ECONNRESET of a client that destroyed its socket.
    closed.push(
      new Promise((resolve) => socket.once('close', () => resolve(sockets.delete(socket)))),
    );
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fixture not listening');
  return {
    port: address.port,
    get connections() {
      return connections;
    },
    get bytesReceived() {
      return bytesReceived;
    },
    requests,
    allClosed: async () => void (await Promise.all(closed)),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A plain http server on 127.0.0.1 (the loopback switch lets the fetcher reach it). */
export async function startHttpFixture(handler: RequestListener): Promise<FixtureServer> {
  const requests: IncomingMessage[] = [];
  const server = createHttpServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  // Tracked before listening, so no connection is missed.
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return track(server, requests);
}

/** An https server on 127.0.0.1 with the given key and certificate. */
export async function startHttpsFixture(
  tls: TestCertificate,
  handler: RequestListener,
): Promise<FixtureServer> {
  const requests: IncomingMessage[] = [];
  const server = createHttpsServer({ key: tls.key, cert: tls.cert }, (request, response) => {
    requests.push(request);
    handler(request, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return track(server, requests);
}

/** A raw TCP server on 127.0.0.1 that accepts connections and never says anything. */
export async function startSilentTcpFixture(): Promise<FixtureServer> {
  const server = createTcpServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return track(server, []);
}

/** The `OutboundFetchError` a fetch rejects with (failing the test if it resolves). */
export async function fetchFailure(fetch: Promise<unknown>): Promise<OutboundFetchError> {
  const outcome = await fetch.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  if (!(outcome.error instanceof OutboundFetchError)) {
    throw new Error(`expected an OutboundFetchError, got ${String(outcome.error)}`);
  }
  return outcome.error;
}

export { selfSignedCertificate, type TestCertificate } from '@agent-runtimes/testing';
