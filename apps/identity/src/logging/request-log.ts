import { randomUUID } from 'node:crypto';
import {
  LogController,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';

// An incoming X-Request-Id is kept only if it looks like an identifier, so that nothing a client
// sends can forge log lines.
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One log line per request, after the response: request id, method, path (without the query
 * string), status and latency. Never headers or bodies, which carry credentials.
 */
class RequestLogController extends LogController {
  override incomingRequest(): void {
    // One line per request is enough: the completed one carries everything.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    // `originalUrl`: middleware may rewrite `url` while the request is handled.
    const line = {
      method: request.method,
      path: request.originalUrl.split('?', 1)[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else reply.log.info(line, 'request');
  }
}

/**
 * Fastify options for request logging: ids from `X-Request-Id` (or a new UUID) under `reqId` in
 * every line of the request, and the one-line access log above.
 */
export const requestLogOptions: Pick<
  FastifyServerOptions,
  'genReqId' | 'requestIdHeader' | 'logController'
> = {
  requestIdHeader: false,
  logController: new RequestLogController(),
  genReqId: (request) => {
    const incoming = request.headers['x-request-id'];
    return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  },
};

/** Echoes the request id, so that a client can quote it when reporting a problem. */
export function echoRequestId(
  request: FastifyRequest,
  reply: FastifyReply,
  done: () => void,
): void {
  void reply.header('X-Request-Id', request.id);
  done();
}
