import type { TokenEndpointAuthMethod } from './metadata/client-metadata.js';

/**
 * Options of {@link DcrModule}, given to `forRoot` directly or returned by the `forRootAsync`
 * factory.
 */
export interface DcrModuleOptions {
  /**
   * The authorization server's issuer identifier (RFC 8414 §2): an `https` URL without query or
   * fragment (`http` is accepted for loopback hosts, for development). The registration endpoint
   * is `{issuer}/{path}` unless `registrationEndpoint` says otherwise.
   */
  issuer: string;

  /**
   * Absolute URL of the registration endpoint, when a reverse proxy, a global prefix or a
   * `RouterModule` prefix serves the route somewhere other than `{issuer}/{path}`. Each client's
   * `registration_client_uri` is this URL followed by `/{client_id}` (RFC 7592 §3).
   */
  registrationEndpoint?: string;

  /**
   * Lifetime of issued client secrets, in seconds. `0`, the default, means secrets never expire
   * (`client_secret_expires_at: 0`, RFC 7591 §3.2.1): many MCP clients cannot recover from an
   * expired secret.
   */
  clientSecretLifetimeSeconds?: number;

  /**
   * Grant types clients may register (RFC 7591 §2), also advertised as `grant_types_supported`
   * (RFC 8414 §2). Default: `authorization_code`, `refresh_token`, `client_credentials`. The
   * implicit grant is off unless listed (RFC 9700 §2.1.2 advises against it).
   */
  grantTypesSupported?: string[];

  /**
   * Token endpoint authentication methods clients may register, also advertised as
   * `token_endpoint_auth_methods_supported`. Default: all RFC 7591 §2 methods.
   */
  tokenEndpointAuthMethodsSupported?: TokenEndpointAuthMethod[];

  /**
   * Scope values clients may register, also advertised as `scopes_supported`. When unset, any
   * syntactically valid scope is accepted and `scopes_supported` is not advertised.
   */
  scopesSupported?: string[];
}

/** Options that shape the module definition itself, so they are static even in `forRootAsync`. */
export interface DcrModuleExtras {
  /** Route path of the registration endpoint, relative to the app's prefix. Default: `register`. */
  path: string;
}

export const DEFAULT_REGISTRATION_PATH = 'register';

export const DEFAULT_GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'];
