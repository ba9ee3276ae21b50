import type { IdentityConfig } from '../../config/identity-config.js';
import type { UpstreamOidcConfig } from '../../config/upstream-oidc-variables.js';

/**
 * How a person signs in at an authorization request's login prompt:
 *
 * - `test`: `IDENTITY_TEST_LOGIN_SUBJECT` is signed in without a page (test only);
 * - `upstream`: the person signs in at an upstream OpenID Connect provider
 *   (`UPSTREAM_OIDC_ISSUER`, `_CLIENT_ID`, `_CLIENT_SECRET`), whose `sub` becomes the subject;
 * - `development`: a form that accepts any user name without a password, for a newcomer's
 *   `npm start`; refused when `NODE_ENV=production`;
 * - `unavailable`: no method is configured (production without one): the request ends with
 *   `access_denied` at the client.
 */
export type SignInMethod =
  | { readonly kind: 'test'; readonly subject: string }
  | { readonly kind: 'upstream'; readonly upstream: UpstreamOidcConfig }
  | { readonly kind: 'development' }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** The sign-in method of the app configured by `config`. */
export function signInMethodFor(config: IdentityConfig): SignInMethod {
  const { testLoginSubject } = config.authorizationServer;
  if (testLoginSubject !== undefined) return { kind: 'test', subject: testLoginSubject };
  const { upstream } = config.authorizationServer;
  if (upstream !== undefined) return { kind: 'upstream', upstream };
  if (config.production) {
    return {
      kind: 'unavailable',
      reason: 'no sign-in method is configured (the development sign-in is refused in production)',
    };
  }
  return { kind: 'development' };
}

/** The start-up log line that says how people sign in, and how loudly. */
export function describeSignInMethod(
  method: SignInMethod,
  callbackUrl: string,
): {
  level: 'log' | 'warn';
  message: string;
} {
  switch (method.kind) {
    case 'test':
      return {
        level: 'warn',
        message: `TEST ONLY: every authorization request signs in "${method.subject}" without a page (IDENTITY_TEST_LOGIN_SUBJECT)`,
      };
    case 'upstream':
      return {
        level: 'log',
        message: `People sign in at ${method.upstream.issuer} (redirect URI to register there: ${callbackUrl})`,
      };
    case 'development':
      return {
        level: 'warn',
        message:
          'DEVELOPMENT ONLY: people sign in by typing any user name, without a password (refused when NODE_ENV=production)',
      };
    case 'unavailable':
      return { level: 'warn', message: `People cannot sign in: ${method.reason}` };
  }
}
