import type { CanActivate, Type } from '@nestjs/common';
import { RegistrationRateLimitGuard } from '../rate-limit/registration-rate-limit.guard.js';
import { RegistrantGuard } from './registrant.guard.js';

/**
 * The guards of the registration endpoint (`POST {path}`), run in this order before the handler
 * reads the body. {@link RegistrantGuard} decides who is calling (anonymous, or an initial access
 * token's holder) and must stay first: the rate limits after it read the decision with
 * `registrantOf(request)`, to exempt token holders. A guard added to this list is also added to
 * the module's providers, so that Nest can inject it.
 */
export const REGISTRATION_GUARDS: readonly Type<CanActivate>[] = [
  RegistrantGuard,
  RegistrationRateLimitGuard,
];
