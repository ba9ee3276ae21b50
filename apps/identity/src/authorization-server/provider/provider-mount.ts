import type { FastifyInstance } from 'fastify';
import { PROVIDER_ROUTES } from '../authorization-server-settings.js';
import type { Drain } from '../../http/drain-on-close.js';
import type { AuthorizationServer } from './authorization-server.js';

// The paths node-oidc-provider serves, relative to the issuer: its endpoints, the authorization
// endpoint followed by an interaction uid (where a finished interaction resumes), and the
// confirmation and success steps of RP-Initiated Logout.
const PROVIDER_PATHS = new Set<string>(Object.values(PROVIDER_ROUTES));
const RESUME = new RegExp(`^${PROVIDER_ROUTES.authorization}/[A-Za-z0-9_-]+$`);
const LOGOUT_STEPS = new Set([
  `${PROVIDER_ROUTES.end_session}/confirm`,
  `${PROVIDER_ROUTES.end_session}/success`,
]);

/**
 * Whether node-oidc-provider serves `path` (a request path without its query) of an app whose
 * issuer has the path `mountPath` (`''` or `/tenant-a`); returns the path relative to the issuer,
 * or `undefined`. Everything else (registration, discovery, interaction pages, docs, health) is
 * the Nest app's.
 */
export function providerPath(mountPath: string, path: string): string | undefined {
  if (!path.startsWith(`${mountPath}/`)) return undefined;
  const relative = path.slice(mountPath.length);
  return PROVIDER_PATHS.has(relative) || RESUME.test(relative) || LOGOUT_STEPS.has(relative)
    ? relative
    : undefined;
}

/**
 * Serves node-oidc-provider's paths from the app's Fastify instance: an `onRequest` hook, before
 * Fastify reads the body (oidc-provider reads it itself), hands Node's request and response to
 * `provider.callback()` and hijacks the reply, with the issuer's path taken off the URL
 * (oidc-provider builds its URLs from the issuer). The request id is echoed as on every other
 * route, and the request is logged by the app's `onResponse` hook like any other.
 */
export function mountAuthorizationServer(
  fastify: FastifyInstance,
  server: AuthorizationServer,
  mountPath: string,
  drain: Drain,
): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    // Read (and cached by Fastify) before the URL is rewritten, for the access log.
    const url = request.originalUrl;
    const query = url.indexOf('?');
    const relative = providerPath(mountPath, query < 0 ? url : url.slice(0, query));
    if (relative === undefined) {
      done();
      return;
    }
    reply.hijack();
    reply.raw.setHeader('X-Request-Id', request.id);
    if (drain.draining) reply.raw.setHeader('Connection', 'close');
    request.raw.url = `${relative}${query < 0 ? '' : url.slice(query)}`;
    server.handle(request.raw, reply.raw);
  });
}
