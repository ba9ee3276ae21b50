import type { AdapterFactory, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import {
  CLIENT_ASSERTION_ALGORITHMS,
  ID_TOKEN_SIGNING_ALG,
  INTERACTION_PATH,
  PROFILE_SCOPES,
  PROVIDER_ROUTES,
  type AuthorizationServerSettings,
} from '../authorization-server-settings.js';
import { OPENID_SCOPES } from '../../config/authorization-server-variables.js';
import type { ServerKeySet } from '../keys/server-keys.service.js';
import { renderErrorPage, renderLoggedOutPage, renderLogoutPage } from '../pages/provider-pages.js';
import {
  defaultResource,
  findResource,
  resourceServerInfo,
  withDefaultScope,
} from '../resources/resource-policy.js';
import type { ProviderFetch } from './outbound-fetch.js';
import { errors } from 'oidc-provider';
import type { AccountClaimsSource } from '../accounts/account.repository.js';
import { applyConsent, type RememberedConsents } from '../consent/remembered-consent.js';

/** Longest a chain of rotated refresh tokens lives (oidc-provider's own default cap). */
const MAX_REFRESH_CHAIN_SECONDS = 365 * 86_400;

/** Key management algorithms for encryption: asymmetric only (no key derived from a secret). */
const ASYMMETRIC_KEY_MANAGEMENT = ['RSA-OAEP-256', 'ECDH-ES'];
/** Signing algorithms the server accepts or produces: asymmetric only (no HS*). */
const ASYMMETRIC_SIGNING = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/** What the configuration needs besides the settings. */
export interface ProviderDependencies {
  readonly adapter: AdapterFactory;
  readonly keys: ServerKeySet;
  readonly fetch: ProviderFetch;
  readonly consents: RememberedConsents;
  readonly accounts: AccountClaimsSource;
}

/**
 * node-oidc-provider's configuration, derived from the settings (the same source as discovery).
 *
 * Security-relevant choices, each with its reason:
 * - registration is `libs/dcr`'s (`features.registration` off: it stores plaintext secrets);
 * - nothing is keyed with a client secret (`client_secret_jwt`, HS*, symmetric encryption are
 *   absent), because only a digest of it is stored;
 * - PKCE with S256 for every client (OAuth 2.1 §4.1.1; oidc-provider supports S256 only);
 * - every token for a resource is a JWT access token (RFC 9068) whose `aud` is the resource;
 * - refresh tokens of public clients rotate, and a reused one revokes the grant (RFC 9700 §4.14.2);
 * - the development interactions, DPoP, userinfo, PAR, request objects and JARM are off: the app
 *   serves its own interaction pages, and discovery advertises exactly what is on.
 */
export function providerConfiguration(
  settings: AuthorizationServerSettings,
  dependencies: ProviderDependencies,
): Configuration {
  const { registration, resources, lifetimes } = settings;
  const grantTypes = registration.grant_types_supported;
  return {
    adapter: dependencies.adapter,
    jwks: { keys: dependencies.keys.signingKeys.map((key) => ({ ...key })) },
    cookies: {
      keys: dependencies.keys.cookieKeys.map((key) => key.toString('base64url')),
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    // OIDC Core §5.4: `email` and `profile` release what the upstream provider said (only when
    // one is configured); a claim oidc-provider knows is also a scope it accepts.
    claims: {
      openid: ['sub'],
      ...Object.fromEntries(
        settings.profileScopes.map((scope) => [scope, [...(PROFILE_SCOPES[scope] ?? [])]]),
      ),
    },
    clientDefaults: {
      grant_types: ['authorization_code'],
      id_token_signed_response_alg: ID_TOKEN_SIGNING_ALG,
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    clientAuthMethods: [...registration.token_endpoint_auth_methods_supported] as never,
    // Browser-based public clients may call the token endpoint from their redirect URIs' origins.
    clientBasedCORS: (_ctx, origin, client) =>
      origin !== 'null' &&
      client.clientAuthMethod === 'none' &&
      client.redirectUris?.some((uri) => URL.parse(uri)?.origin === origin) === true,
    enabledJWA: {
      clientAuthSigningAlgValues: [...CLIENT_ASSERTION_ALGORITHMS] as never,
      idTokenSigningAlgValues: [ID_TOKEN_SIGNING_ALG] as never,
      requestObjectSigningAlgValues: ASYMMETRIC_SIGNING as never,
      userinfoSigningAlgValues: ASYMMETRIC_SIGNING as never,
      introspectionSigningAlgValues: ASYMMETRIC_SIGNING as never,
      authorizationSigningAlgValues: ASYMMETRIC_SIGNING as never,
      idTokenEncryptionAlgValues: ASYMMETRIC_KEY_MANAGEMENT as never,
      requestObjectEncryptionAlgValues: ASYMMETRIC_KEY_MANAGEMENT as never,
      userinfoEncryptionAlgValues: ASYMMETRIC_KEY_MANAGEMENT as never,
      introspectionEncryptionAlgValues: ASYMMETRIC_KEY_MANAGEMENT as never,
      authorizationEncryptionAlgValues: ASYMMETRIC_KEY_MANAGEMENT as never,
    },
    // Tokens live by their own lifetimes, not by the browser session they were issued in: an agent
    // keeps working after the person's sign-in session at this server ends.
    expiresWithSession: () => false,
    // The resources' default scope for requests that ask for none of it (see withDefaultScope).
    // oidc-provider runs extraParams validators after resource indicators are resolved.
    extraParams: {
      scope: (ctx: KoaContextWithOIDC) => {
        ctx.oidc.params!.scope = withDefaultScope(resources, ctx.oidc.params!.scope as string);
      },
    },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: false },
      clientCredentials: { enabled: grantTypes.includes('client_credentials') },
      introspection: {
        enabled: true,
        // RFC 7662 §2.1: a public client may only introspect its own tokens.
        allowedPolicy: (_ctx, client, token) =>
          Promise.resolve(client.clientAuthMethod !== 'none' || token.clientId === client.clientId),
      },
      revocation: {
        enabled: true,
        // RFC 7009 §2.1: a client may only revoke its own tokens.
        allowedPolicy: (_ctx, client, token) => Promise.resolve(token.clientId === client.clientId),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, _client, oneOf) =>
          Promise.resolve(defaultResource(resources, oneOf)),
        // A token request without `resource` gets a token for the resource of the grant.
        useGrantedResource: () => Promise.resolve(true),
        getResourceServerInfo: (_ctx, indicator) => {
          const resource = findResource(resources, indicator);
          // RFC 8707 §2: an unknown resource is `invalid_target`.
          if (resource === undefined) throw new errors.InvalidTarget();
          return Promise.resolve(resourceServerInfo(resources, resource) as never);
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => Promise.resolve(renderLogoutPage(ctx, form)),
        postLogoutSuccessSource: (ctx) => Promise.resolve(renderLoggedOutPage(ctx)),
      },
      userinfo: { enabled: false },
      registration: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      requestObjects: { enabled: false },
      jwtResponseModes: { enabled: false },
      encryption: { enabled: false },
      claimsParameter: { enabled: false },
    },
    fetch: dependencies.fetch as never,
    findAccount: async (_ctx, sub) => {
      const account = await dependencies.accounts.find(sub);
      return {
        accountId: sub,
        claims: () => ({
          sub,
          ...(account?.email ? { email: account.email } : {}),
          ...(account?.name ? { name: account.name } : {}),
        }),
      };
    },
    // The grant of the browser's session (oidc-provider's default), or else a new one from the
    // person's remembered consent to the client: consent is asked once per client and person, not
    // once per session, until it is revoked (`DELETE /admin/consents/...`).
    loadExistingGrant: async (ctx) => {
      const { provider, client, session, result } = ctx.oidc;
      if (!client || !session) return undefined;
      const grantId =
        (result?.consent as { grantId?: string } | undefined)?.grantId ??
        session.grantIdFor(client.clientId);
      const current = grantId ? await provider.Grant.find(grantId) : undefined;
      if (current) return current;
      const accountId = session.accountId;
      const consent = accountId
        ? await dependencies.consents.find(accountId, client.clientId)
        : undefined;
      if (!accountId || !consent) return undefined;
      const grant = new provider.Grant({ accountId, clientId: client.clientId });
      applyConsent(grant, consent);
      await grant.save();
      return grant;
    },
    interactions: {
      url: (_ctx, interaction) =>
        Promise.resolve(`${settings.mountPath}${INTERACTION_PATH}/${interaction.uid}`),
    },
    // A client registered for the refresh_token grant gets a refresh token, with or without
    // `offline_access` (MCP clients rarely ask for it); one that is not never does.
    issueRefreshToken: (_ctx, client) => Promise.resolve(client.grantTypeAllowed('refresh_token')),
    pkce: { required: () => true },
    renderError: (ctx, out) => Promise.resolve(renderErrorPage(ctx, out)),
    responseTypes: [...registration.response_types_supported] as never,
    rotateRefreshToken: (ctx) => {
      const { RefreshToken: token, Client: client } = ctx.oidc.entities;
      if (!token || !client || token.totalLifetime() >= MAX_REFRESH_CHAIN_SECONDS) return false;
      // Public clients: rotation with reuse detection (RFC 9700 §4.14.2). Confidential ones
      // authenticate every refresh; theirs rotate only when close to expiry.
      return client.clientAuthMethod === 'none' || token.ttlPercentagePassed() >= 70;
    },
    routes: { ...PROVIDER_ROUTES },
    // OpenID Connect's own scope values; the resources' scope values are theirs (resourceIndicators).
    scopes: [...OPENID_SCOPES, ...settings.profileScopes],
    subjectTypes: ['public'],
    ttl: {
      AccessToken: lifetimes.accessToken,
      ClientCredentials: lifetimes.accessToken,
      AuthorizationCode: lifetimes.authorizationCode,
      IdToken: lifetimes.idToken,
      RefreshToken: lifetimes.refreshToken,
      Interaction: lifetimes.interaction,
      Session: lifetimes.session,
      Grant: lifetimes.grant,
    },
  };
}
