import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';

// An incoming X-Request-Id is kept only if it looks like an identifier, so that nothing a client
// sends can forge log lines.
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Request ids from `X-Request-Id`, or a new UUID. */
export const requestIdOptions: Pick<FastifyServerOptions, 'genReqId' | 'requestIdHeader'> = {
  requestIdHeader: false,
  genReqId: (request) => {
    const incoming = request.headers['x-request-id'];
    return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  },
};

/**
 * One log line per request, after the response: request id, method, path (without the query
 * string), status and latency; never headers or bodies, which carry credentials. The request id is
 * echoed in `X-Request-Id`. Written with the app's logger directly: Fastify's own request logging
 * would build a child logger for every request.
 */
export function logRequests(fastify: FastifyInstance, log: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    log.info(
      {
        reqId: request.id,
        method: request.method,
        // `originalUrl`: middleware may rewrite `url` while the request is handled.
        path: request.originalUrl.split('?', 1)[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request',
    );
    done();
  });
}
