import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the test PostgreSQL server, to simulate outages without touching the
 * shared server: `cut()` drops every connection and refuses new ones (as a stopped server does),
 * `restore()` accepts connections again on the same port.
 */
export interface TcpProxy {
  readonly port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server = await listen(0);
  const port = (server.address() as { port: number }).port;

  function listen(onPort: number): Promise<Server> {
    const proxy = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    return new Promise((resolve, reject) => {
      proxy.once('error', reject);
      proxy.listen(onPort, '127.0.0.1', () => resolve(proxy));
    });
  }

  async function stopListening(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  return {
    port,
    cut: stopListening,
    async restore() {
      server = await listen(port);
    },
    async close() {
      if (server.listening) await stopListening();
    },
  };
}
