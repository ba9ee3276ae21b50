import { endpointUrl } from './url-variables.js';
import { text } from './scalar-variables.js';
import { ConfigError } from './parse-env.js';

/**
 * The variables of the upstream OpenID Connect provider people sign in with (enterprise
 * sign-in): all three together, or none. Spread into `IDENTITY_ENV`.
 */
export const UPSTREAM_OIDC_ENV = {
  UPSTREAM_OIDC_ISSUER: endpointUrl({
    doc:
      'Issuer of an upstream OpenID Connect provider people sign in with (discovered at first ' +
      'use); its `sub` becomes the subject here. Register `$ISSUER/interaction/callback/upstream` ' +
      'as the redirect URI there. `https` (plain `http` only on a loopback host with ' +
      '`CIMD_ALLOW_LOOPBACK_HTTP`). Set with `UPSTREAM_OIDC_CLIENT_ID` and ' +
      '`UPSTREAM_OIDC_CLIENT_SECRET`, or not at all.',
  }),
  UPSTREAM_OIDC_CLIENT_ID: text({
    doc: 'The client id of this server at the upstream provider.',
  }),
  UPSTREAM_OIDC_CLIENT_SECRET: text({
    doc: 'The client secret of this server at the upstream provider (`client_secret_basic`).',
    secret: true,
  }),
} as const;

/** The upstream OpenID Connect provider, as `IdentityConfig.authorizationServer.upstream`. */
export interface UpstreamOidcConfig {
  /** `UPSTREAM_OIDC_ISSUER`, exactly as given (the ID token's `iss` must equal it). */
  readonly issuer: string;
  /** `UPSTREAM_OIDC_CLIENT_ID` */
  readonly clientId: string;
  /** `UPSTREAM_OIDC_CLIENT_SECRET` */
  readonly clientSecret: string;
  /** `CIMD_ALLOW_LOOPBACK_HTTP` (test only): plain `http` to a loopback issuer is allowed. */
  readonly allowLoopbackHttp: boolean;
}

/** The values {@link upstreamOidcOf} reads. */
interface UpstreamOidcValues {
  readonly UPSTREAM_OIDC_ISSUER: string | undefined;
  readonly UPSTREAM_OIDC_CLIENT_ID: string | undefined;
  readonly UPSTREAM_OIDC_CLIENT_SECRET: string | undefined;
  readonly CIMD_ALLOW_LOOPBACK_HTTP: boolean;
}

/**
 * The upstream provider of the configuration, or `undefined` when none is configured. The three
 * variables go together; the issuer is `https` unless the test-only loopback switch is on (a
 * loopback `http` issuer is accepted by `endpointUrl` only so that tests can run a provider).
 */
export function upstreamOidcOf(values: UpstreamOidcValues): UpstreamOidcConfig | undefined {
  const issuer = values.UPSTREAM_OIDC_ISSUER;
  const clientId = values.UPSTREAM_OIDC_CLIENT_ID;
  const clientSecret = values.UPSTREAM_OIDC_CLIENT_SECRET;
  const given = {
    UPSTREAM_OIDC_ISSUER: issuer,
    UPSTREAM_OIDC_CLIENT_ID: clientId,
    UPSTREAM_OIDC_CLIENT_SECRET: clientSecret,
  };
  const missing = Object.entries(given).filter(([, value]) => value === undefined);
  if (missing.length === 3) return undefined;
  if (missing.length > 0) {
    const [set = ''] = Object.keys(given).filter(
      (name) => !missing.some(([other]) => other === name),
    );
    throw ConfigError.of(
      set,
      `is set without ${missing.map(([name]) => name).join(' and ')}: the upstream provider needs all three UPSTREAM_OIDC_ variables`,
    );
  }
  if (issuer === undefined || clientId === undefined || clientSecret === undefined)
    return undefined;
  const allowLoopbackHttp = values.CIMD_ALLOW_LOOPBACK_HTTP;
  if (new URL(issuer).protocol !== 'https:' && !allowLoopbackHttp) {
    throw ConfigError.of(
      'UPSTREAM_OIDC_ISSUER',
      'must use https (plain http to a loopback host only with CIMD_ALLOW_LOOPBACK_HTTP, for tests)',
    );
  }
  return { issuer, clientId, clientSecret, allowLoopbackHttp };
}
