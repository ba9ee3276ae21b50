import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type RequestListener,
  type Server as HttpServer,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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

/** A self-signed certificate for `localhost` and `127.0.0.1`, as PEM. */
export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
}

/** Makes a throwaway self-signed certificate with the `openssl` CLI. */
export async function selfSignedCertificate(): Promise<TestCertificate> {
  const folder = await mkdtemp(join(tmpdir(), 'dcr-outbound-tls-'));
  try {
    const [key, cert] = [join(folder, 'key.pem'), join(folder, 'cert.pem')];
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ]);
    return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
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
