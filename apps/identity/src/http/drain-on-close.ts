import type { FastifyInstance } from 'fastify';

/**
 * Graceful shutdown for keep-alive clients. Closing the server waits for every open connection;
 * one that was busy when closing began stays open after its response (keep-alive) and would hold
 * the process for the whole keep-alive timeout. Once draining starts, every response therefore
 * carries `Connection: close`, and the client closes the socket after reading it.
 *
 * @returns the function that starts draining
 */
export function drainOnClose(fastify: FastifyInstance): () => void {
  let draining = false;
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) void reply.header('Connection', 'close');
    done(null, payload);
  });
  return () => {
    draining = true;
  };
}
