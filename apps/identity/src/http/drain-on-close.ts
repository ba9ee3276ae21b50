import type { FastifyInstance } from 'fastify';

/** Graceful shutdown state of the app's HTTP server (see {@link drainOnClose}). */
export interface Drain {
  /** Starts draining: from now on, every response carries `Connection: close`. */
  start(): void;
  /** Whether draining has started (for responses written outside Fastify's reply cycle). */
  readonly draining: boolean;
}

/**
 * Graceful shutdown for keep-alive clients. Closing the server waits for every open connection;
 * one that was busy when closing began stays open after its response (keep-alive) and would hold
 * the process for the whole keep-alive timeout. Once draining starts, every response therefore
 * carries `Connection: close`, and the client closes the socket after reading it.
 */
export function drainOnClose(fastify: FastifyInstance): Drain {
  const drain = {
    draining: false,
    start() {
      drain.draining = true;
    },
  };
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (drain.draining) void reply.header('Connection', 'close');
    done(null, payload);
  });
  return drain;
}
