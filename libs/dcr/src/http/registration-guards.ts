import type { CanActivate, Type } from '@nestjs/common';
import { RegistrantGuard } from './registrant.guard.js';

/**
 * The guards of the registration endpoint (`POST {path}`), run in this order before the handler
 * reads the body. {@link RegistrantGuard} decides who is calling (anonymous, or an initial access
 * token's holder) and must stay first: a guard after it (a rate limit, say) reads the decision
 * with `registrantOf(request)`, e.g. to exempt token holders. Add such a guard to this list, and
 * to the module's providers, so that Nest can inject it.
 */
export const REGISTRATION_GUARDS: readonly Type<CanActivate>[] = [RegistrantGuard];
