import { createHash } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions, ThrottlerOptions } from '@nestjs/throttler';
import type { ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { clientAddress } from './client-address.js';
import type { RateLimit } from './rate-limit-options.js';
import {
  GLOBAL_TRACKER,
  clientIpTracker,
  secondKeyTracker,
  type RateLimitTracker,
} from './registration-rate-keys.js';

/** The names of the registration throttlers, in the order they are checked. */
export const REGISTRATION_THROTTLERS = ['client_ip', 'host', 'global'] as const;

/** The parts of an Express or Fastify request that the throttlers read. */
interface ThrottledRequest {
  readonly headers?: Readonly<Record<string, string | string[] | undefined>>;
  readonly body?: unknown;
  readonly socket?: { readonly remoteAddress?: string };
  readonly raw?: { readonly socket?: { readonly remoteAddress?: string } };
}

/**
 * The `@nestjs/throttler` options of the registration endpoint: one named throttler per limit
 * that is on (`client_ip`, `host`, `global`), each with the tracker it counts under. The key of a
 * counter is a SHA-256 digest of the throttler's name and the tracker, so that no client address
 * is stored, and every instance derives the same key. `ThrottlerGuard`'s headers are off: the
 * refusal carries `Retry-After` itself.
 */
export function registrationThrottlerOptions(options: ResolvedDcrOptions): ThrottlerModuleOptions {
  const { perClientIp, perHost, global, trustedProxies } = options.rateLimit;
  const throttlers: ThrottlerOptions[] = [];
  if (perClientIp) {
    throttlers.push(
      throttler('client_ip', perClientIp, (request) => {
        const peer = request.socket?.remoteAddress ?? request.raw?.socket?.remoteAddress;
        return clientIpTracker(
          clientAddress(peer, request.headers?.['x-forwarded-for'], trustedProxies),
        );
      }),
    );
  }
  if (perHost) {
    throttlers.push({
      ...throttler('host', perHost, (request) => secondKeyTracker(request.body) ?? ''),
      // A body that names neither a software_id nor a non-loopback redirect host has no second key.
      skipIf: (context: ExecutionContext) =>
        secondKeyTracker(context.switchToHttp().getRequest<ThrottledRequest>().body) === undefined,
    });
  }
  if (global) throttlers.push(throttler('global', global, () => GLOBAL_TRACKER));
  return {
    throttlers,
    setHeaders: false,
    generateKey: (_context, tracker, name) =>
      createHash('sha256').update(`dcr-registration\n${name}\n${tracker}`).digest('hex'),
  };
}

function throttler(
  name: (typeof REGISTRATION_THROTTLERS)[number],
  limit: RateLimit,
  tracker: (request: ThrottledRequest) => RateLimitTracker,
): ThrottlerOptions {
  return {
    name,
    limit: limit.limit,
    ttl: limit.windowSeconds * 1000,
    getTracker: (request) => tracker(request as ThrottledRequest),
  };
}
