import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { registrantOf } from '../http/registrant.guard.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { rateLimitExceeded } from './rate-limit-exceeded.js';
import { rateLimitKindOf } from './registration-rate-keys.js';
import { REGISTRATION_THROTTLERS } from './registration-throttlers.js';

/**
 * `@nestjs/throttler`'s guard on the registration endpoint, with the module's limits (see
 * `registrationThrottlerOptions`) and its PostgreSQL storage. It runs before the body is validated
 * and reads only what the limits need. What it changes from `ThrottlerGuard`:
 *
 * - the limits are checked per caller first (client address, then redirect host or software_id),
 *   the global cap last, so that a caller over its own limit does not use up the global one;
 * - nothing is counted while every limit is off, or for a request that a preceding guard marked as
 *   authenticated by an initial access token (`registrantOf`, set by `RegistrantGuard`) when
 *   `exemptInitialAccessTokens` is on: list this guard after that one;
 * - a refusal is the module's RFC-style 429 (`rateLimitExceeded`), with `Retry-After`.
 */
@Injectable()
export class RegistrationRateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(DCR_OPTIONS) private readonly dcrOptions: ResolvedDcrOptions,
  ) {
    super(options, storage, reflector);
  }

  override async onModuleInit(): Promise<void> {
    // ThrottlerGuard warns when no throttler is configured: here that means "off".
    if (!this.dcrOptions.rateLimit.enabled) return;
    await super.onModuleInit();
    // ThrottlerGuard orders throttlers by window; the order of REGISTRATION_THROTTLERS matters more.
    const order = (name: string | undefined) =>
      REGISTRATION_THROTTLERS.indexOf(name as (typeof REGISTRATION_THROTTLERS)[number]);
    this.throttlers.sort((first, second) => order(first.name) - order(second.name));
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    const { enabled, exemptInitialAccessTokens } = this.dcrOptions.rateLimit;
    if (!enabled) return Promise.resolve(true);
    const registrant = registrantOf(context.switchToHttp().getRequest<unknown>());
    return Promise.resolve(
      exemptInitialAccessTokens && registrant?.kind === 'initial_access_token',
    );
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    return Promise.reject(
      rateLimitExceeded(
        rateLimitKindOf(detail.tracker),
        { limit: detail.limit, windowSeconds: detail.ttl / 1000 },
        detail.timeToBlockExpire,
      ),
    );
  }
}
