import { CLIENT_ASSERTION_SIGNING_ALGORITHMS } from '@agent-runtimes/dcr';
import type { RegistrationServerMetadata } from '@agent-runtimes/dcr';
import type { IdentityConfig } from '../config/identity-config.js';
import { OPENID_SCOPES } from '../config/authorization-server-variables.js';
import { resourcePolicy, type ResourcePolicy } from './resources/resource-policy.js';

/**
 * Paths of the endpoints node-oidc-provider serves, relative to the issuer. The interaction pages
 * (sign-in, consent) are the app's own, under {@link INTERACTION_PATH}.
 */
export const PROVIDER_ROUTES = {
  authorization: '/authorize',
  token: '/token',
  revocation: '/revoke',
  introspection: '/introspect',
  jwks: '/jwks',
  end_session: '/logout',
} as const;

/** Path of the interaction pages, relative to the issuer: `/interaction/:uid`. */
export const INTERACTION_PATH = '/interaction';

/**
 * The redirect URI of this server at an upstream OpenID Connect provider (`UPSTREAM_OIDC_ISSUER`):
 * `$ISSUER/interaction/callback/upstream`, served by the interaction controller.
 */
export function upstreamCallbackUrl(issuer: string): string {
  return `${issuer}${INTERACTION_PATH}/callback/upstream`;
}

/**
 * JWS algorithms accepted for `private_key_jwt` assertions, asymmetric ones only: the library's
 * list, so that the token endpoint here and `ClientAuthenticationService` accept the same.
 */
export const CLIENT_ASSERTION_ALGORITHMS: readonly string[] = CLIENT_ASSERTION_SIGNING_ALGORITHMS;

/** The JWS algorithm of ID tokens (OIDC Core §15.1 requires RS256 support). */
export const ID_TOKEN_SIGNING_ALG = 'RS256';
/** The JWS algorithm of access tokens (RFC 9068). */
export const ACCESS_TOKEN_SIGNING_ALG = 'ES256';

/** Authorization response modes (OAuth 2.0 Multiple Response Types, Form Post Response Mode). */
export const RESPONSE_MODES = ['query', 'fragment', 'form_post'];

/**
 * OpenID Connect scopes whose claims (OIDC Core §5.4) come from the upstream provider: supported
 * only when one is configured, since the development sign-in knows nothing but a user name.
 */
export const PROFILE_SCOPES: Readonly<Record<string, readonly string[]>> = {
  email: ['email'],
  profile: ['name'],
};

/** Injection token of the app's {@link AuthorizationServerSettings}. */
export const AUTHORIZATION_SERVER_SETTINGS = Symbol('AUTHORIZATION_SERVER_SETTINGS');

/** Lifetimes of what the server issues and keeps, in seconds. */
export interface Lifetimes {
  readonly accessToken: number;
  readonly refreshToken: number;
  /** Authorization codes: one minute (RFC 6749 §4.1.2 recommends at most ten). */
  readonly authorizationCode: number;
  readonly idToken: number;
  /** A sign-in or consent page left open. */
  readonly interaction: number;
  /** A person's sign-in session at the authorization server. */
  readonly session: number;
  /** A grant, which outlives the refresh tokens issued under it (rotation is capped at a year). */
  readonly grant: number;
}

/**
 * Everything the authorization server is, in one place: node-oidc-provider's configuration and
 * the discovery documents are both derived from it, so that what is advertised is what is served.
 * What clients may register (grant types, response types, authentication methods) comes from
 * `libs/dcr`'s registration metadata, the same policy that validates registrations.
 */
export interface AuthorizationServerSettings {
  readonly issuer: string;
  /** The issuer's path (`/tenant-a`), or `''`: every endpoint is served under it. */
  readonly mountPath: string;
  /** The URLs advertised in discovery. */
  readonly endpoints: {
    readonly authorization: string;
    readonly token: string;
    readonly revocation: string;
    readonly introspection: string;
    readonly jwks: string;
    readonly endSession: string;
  };
  readonly registration: RegistrationServerMetadata;
  readonly scopes: readonly string[];
  /** Of {@link PROFILE_SCOPES}, those supported (an upstream provider is configured). */
  readonly profileScopes: readonly string[];
  readonly resources: ResourcePolicy;
  readonly lifetimes: Lifetimes;
  readonly serviceDocumentation: string;
}

/** The settings of the app configured by `config`, with the registration module's metadata. */
export function authorizationServerSettings(
  config: IdentityConfig,
  registration: RegistrationServerMetadata,
): AuthorizationServerSettings {
  const { issuer } = config;
  const server = config.authorizationServer;
  const url = (route: string) => `${issuer}${route}`;
  const profileScopes = server.upstream ? Object.keys(PROFILE_SCOPES) : [];
  return {
    issuer,
    mountPath: new URL(issuer).pathname.replace(/\/+$/, ''),
    endpoints: {
      authorization: config.authorizationEndpoint ?? url(PROVIDER_ROUTES.authorization),
      token: config.tokenEndpoint ?? url(PROVIDER_ROUTES.token),
      revocation: url(PROVIDER_ROUTES.revocation),
      introspection: url(PROVIDER_ROUTES.introspection),
      jwks: url(PROVIDER_ROUTES.jwks),
      endSession: url(PROVIDER_ROUTES.end_session),
    },
    registration,
    scopes: supportedScopes(
      [...OPENID_SCOPES, ...profileScopes, ...server.resourceScopes],
      registration,
    ),
    profileScopes: supportedScopes(profileScopes, registration),
    resources: resourcePolicy(
      server.resources,
      issuer,
      server.resourceScopes,
      server.accessTokenTtlSeconds,
      ACCESS_TOKEN_SIGNING_ALG,
    ),
    lifetimes: {
      accessToken: server.accessTokenTtlSeconds,
      refreshToken: server.refreshTokenTtlSeconds,
      authorizationCode: 60,
      idToken: 3600,
      interaction: 1800,
      session: 86_400,
      grant: 366 * 86_400,
    },
    serviceDocumentation: `${issuer}/docs`,
  };
}

/**
 * The scopes the server grants and advertises: OpenID Connect's and the resources', narrowed by
 * the registration policy's allow-list when one is configured (its `scopes_supported`), so that
 * discovery lists exactly what registration accepts and what authorization grants.
 */
function supportedScopes(
  scopes: readonly string[],
  registration: RegistrationServerMetadata,
): string[] {
  const allowed = registration.scopes_supported;
  return allowed ? scopes.filter((scope) => allowed.includes(scope)) : [...scopes];
}
