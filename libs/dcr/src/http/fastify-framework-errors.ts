import { OAuthError } from '../errors/oauth-error.js';

/** The parts of Fastify's reply this handler uses (no dependency on Fastify's types). */
interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(payload: unknown): unknown;
}

/**
 * Fastify's `frameworkErrors` option, for host apps on `@nestjs/platform-fastify`:
 * `new FastifyAdapter({ frameworkErrors: dcrFrameworkErrors })`.
 *
 * Fastify answers some requests before routing, so before Nest or any exception filter sees them:
 * a path whose percent-encoding does not decode (`/register/%ED%A0%80`: `FST_ERR_BAD_URL`) and a
 * path parameter longer than `maxParamLength` (`FST_ERR_MAX_PARAM_LENGTH`). Its own bodies are not
 * RFC-style errors; this answers them as `invalid_request` with `Cache-Control: no-store`, like
 * every other error of the module.
 */
export function dcrFrameworkErrors(
  error: { readonly code?: string },
  _request: unknown,
  reply: unknown,
): void {
  const failure =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new OAuthError('invalid_request', 'a segment of the request path is too long', 414)
      : new OAuthError('invalid_request', 'the request path is not a valid URL path', 400);
  (reply as FastifyReplyLike)
    .code(failure.status)
    .header('Cache-Control', 'no-store')
    .header('Pragma', 'no-cache')
    .send(failure.toBody());
}
