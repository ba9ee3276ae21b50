import { Inject, Injectable } from '@nestjs/common';
import * as client from 'openid-client';
import type { UpstreamOidcConfig } from '../../config/upstream-oidc-variables.js';
import { OidcModelRepository } from '../persistence/oidc-model.repository.js';
import { storedId, toStoredModel } from '../persistence/stored-model.js';
import { AuthorizationServer } from '../provider/authorization-server.js';
import { upstreamBinding, upstreamBindingKey } from './upstream-binding.js';
import { INTERACTION_SETTINGS, type InteractionSettings } from './interaction-settings.js';

/** The kind under which a started upstream sign-in is recorded in `identity_oidc_model`. */
const STARTED_KIND = 'UpstreamSignIn';
/** How long a person has to sign in upstream (the interaction itself lives longer). */
export const UPSTREAM_SIGN_IN_TTL_SECONDS = 600;
/** What is asked of the upstream provider: an ID token with the person's name and e-mail. */
const UPSTREAM_SCOPE = 'openid email profile';

/** Who the upstream provider signed in: the ID token's claims (OIDC Core §2, §5.1). */
export interface UpstreamIdentity {
  readonly subject: string;
  readonly email: string | undefined;
  readonly name: string | undefined;
}

/** The end of an upstream sign-in: the person, or why not (for the log and the client). */
export type UpstreamOutcome =
  | { readonly ok: true; readonly identity: UpstreamIdentity }
  | {
      readonly ok: false;
      /** Safe to send to the client as `error_description`. */
      readonly description: string;
      /** For the log: what went wrong, without secrets. */
      readonly detail: string;
    };

/**
 * Signing in at an upstream OpenID Connect provider (enterprise sign-in), as a relying party
 * through `openid-client`: the authorization code flow (OIDC Core §3.1) with PKCE S256, `state`
 * and `nonce`, and the `iss` of the authorization response (RFC 9207) and ID token checked by
 * openid-client. The three values are derived from the interaction's uid (see
 * `upstreamBinding`), so a callback only completes the interaction it was started for; a started
 * sign-in is recorded and consumed once, so a callback cannot be replayed.
 *
 * The provider's metadata is discovered at first use and kept; a failed discovery is tried
 * again at the next sign-in.
 */
@Injectable()
export class UpstreamSignIn {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly server: AuthorizationServer,
    private readonly models: OidcModelRepository,
    @Inject(INTERACTION_SETTINGS) private readonly settings: InteractionSettings,
  ) {}

  /** The URL of the upstream authorization request for the interaction `uid`, recorded as started. */
  async authorizationUrl(upstream: UpstreamOidcConfig, uid: string): Promise<URL> {
    const config = await this.discover(upstream);
    const binding = upstreamBinding(this.bindingKey(), uid);
    await this.models.upsert(
      toStoredModel(STARTED_KIND, startedId(uid), {}, UPSTREAM_SIGN_IN_TTL_SECONDS, new Date()),
    );
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.upstreamCallbackUrl,
      response_type: 'code',
      scope: UPSTREAM_SCOPE,
      state: binding.state,
      nonce: binding.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(binding.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Completes the sign-in of the interaction `uid` from the callback's query: claims the started
   * sign-in (once), then exchanges the code, openid-client checking state, `iss`, PKCE, the ID
   * token and its nonce.
   */
  async complete(
    upstream: UpstreamOidcConfig,
    uid: string,
    query: string,
  ): Promise<UpstreamOutcome> {
    const key = storedId(STARTED_KIND, startedId(uid));
    const now = new Date();
    const started = await this.models.find(STARTED_KIND, key);
    if (!started || (started.expiresAt !== null && started.expiresAt < now)) {
      return failed(
        'the upstream sign-in was not started here or has expired',
        'no started sign-in',
      );
    }
    if (!(await this.models.consume(STARTED_KIND, key, now))) {
      return failed('the upstream sign-in answer was already used', 'callback replayed');
    }
    const binding = upstreamBinding(this.bindingKey(), uid);
    const currentUrl = new URL(this.settings.upstreamCallbackUrl);
    currentUrl.search = query;
    try {
      const config = await this.discover(upstream);
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: binding.codeVerifier,
        expectedState: binding.state,
        expectedNonce: binding.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) return failed('the upstream provider sent no ID token', 'no ID token');
      return {
        ok: true,
        identity: {
          subject: claims.sub,
          email: typeof claims.email === 'string' ? claims.email : undefined,
          name: typeof claims.name === 'string' ? claims.name : undefined,
        },
      };
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError) {
        return failed(`the upstream provider answered ${error.error}`, `upstream ${error.error}`);
      }
      return failed('the sign-in at the upstream provider failed', describeError(error));
    }
  }

  private discover(upstream: UpstreamOidcConfig): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        new URL(upstream.issuer),
        upstream.clientId,
        undefined,
        client.ClientSecretBasic(upstream.clientSecret),
        {
          // Only with the test-only loopback switch (config refuses http otherwise).
          execute: upstream.allowLoopbackHttp ? [client.allowInsecureRequests] : [],
          timeout: 10,
        },
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  private bindingKey(): Buffer {
    return upstreamBindingKey(this.server.formKeySource);
  }
}

/**
 * The identifier a started sign-in is stored under: not the uid itself, whose digest is already
 * the primary key of the interaction's own row.
 */
function startedId(uid: string): string {
  return `upstream-sign-in:${uid}`;
}

function failed(description: string, detail: string): UpstreamOutcome {
  return { ok: false, description, detail };
}

/** An error's name, code and message: openid-client's never carry a secret or a token. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${error.message}`;
}
