import { SetMetadata } from '@nestjs/common';

/**
 * The route config key `@nestjs/platform-fastify` hands to Fastify (what its `@RouteConfig()`
 * decorator sets). Fastify keeps the config on `request.routeOptions.config` from the moment the
 * route is matched, before the body is parsed, so a body-parser error knows its route.
 */
const FASTIFY_ROUTE_CONFIG = '__fastify_route_config__';

/** Marks a handler as one of the module's routes (registration, configuration, admin API). */
export const ModuleRoute = () => SetMetadata(FASTIFY_ROUTE_CONFIG, { dcrModuleRoute: true });

/** What a request tells of its matched route: Fastify's route options, when the adapter is Fastify. */
interface RoutedRequest {
  readonly routeOptions?: { readonly config?: Readonly<Record<string, unknown>> };
}

/**
 * Whether the request was routed to one of the module's routes, when the adapter knows the route
 * before parsing the body (Fastify); `undefined` when it does not (Express parses bodies before
 * routing).
 */
export function routedToModule(request: unknown): boolean | undefined {
  const config = (request as RoutedRequest | undefined)?.routeOptions?.config;
  return config === undefined ? undefined : config.dcrModuleRoute === true;
}

/**
 * The path of a request URL without its query string and trailing slashes, in linear time (a
 * `/\/+$/` regex is quadratic on a run of slashes that does not end the string).
 */
export function pathWithoutTrailingSlashes(url: string): string {
  const query = url.indexOf('?');
  let end = query < 0 ? url.length : query;
  while (end > 0 && url.charCodeAt(end - 1) === 0x2f) end--;
  return url.slice(0, end);
}

/**
 * Whether `url` is the registration endpoint at `registrationPath` or a client configuration
 * endpoint right under it (`{registrationPath}/{client_id}`). Linear in the URL's length.
 */
export function isModulePath(url: string, registrationPath: string): boolean {
  const path = pathWithoutTrailingSlashes(url);
  if (path === registrationPath) return true;
  if (!path.startsWith(registrationPath) || path.charCodeAt(registrationPath.length) !== 0x2f) {
    return false;
  }
  const rest = path.slice(registrationPath.length + 1);
  return rest !== '' && !rest.includes('/');
}
