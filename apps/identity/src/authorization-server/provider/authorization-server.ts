import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { Provider } from 'oidc-provider';
import { redirectUriMatches, type DcrClientResolver } from '@agent-runtimes/dcr';
import type { AuthorizationServerSettings } from '../authorization-server-settings.js';
import { keepBuiltClients } from '../clients/built-clients.js';
import { providerClientSource } from '../clients/provider-client-source.js';
import type { ServerKeys, ServerKeySet } from '../keys/server-keys.service.js';
import { createAdapterFactory } from '../persistence/oidc-adapter.js';
import type { OidcModelRepository } from '../persistence/oidc-model.repository.js';
import type { ProviderFetch } from './outbound-fetch.js';
import type { RememberedConsents } from '../consent/remembered-consent.js';
import type { AccountClaimsSource } from '../accounts/account.repository.js';
import { providerConfiguration } from './provider-configuration.js';
import { providerContextStorage, RequestContextIdler } from './request-context-idler.js';

/** How often an instance checks whether another one rotated the keys. */
const KEY_CHECK_INTERVAL_MS = 30_000;

/** What the authorization server is built from. */
export interface AuthorizationServerDependencies {
  readonly settings: AuthorizationServerSettings;
  readonly keys: ServerKeys;
  readonly models: OidcModelRepository;
  readonly clients: DcrClientResolver;
  readonly fetch: ProviderFetch;
  readonly consents: RememberedConsents;
  readonly accounts: AccountClaimsSource;
}

/**
 * node-oidc-provider, configured from the settings, with its clients from `libs/dcr`:
 *
 * - `Client.find` asks `libs/dcr`'s resolver at every look-up: registered clients from its table,
 *   Client ID Metadata Document clients (an `https` URL as `client_id`) from their cached document;
 *   a document client that cannot be used is an RFC 6749 error naming the rule, never redirected
 *   to (`providerClientSource`). oidc-provider's own `clientIdMetadataDocument` feature stays off:
 *   its cache is per process and its rules are not the module's;
 * - `compareClientSecret` checks the presented secret against the stored digest (oidc-provider
 *   awaits it since its issue #631), never against the placeholder in the client's metadata;
 * - `redirectUriAllowed` is `libs/dcr`'s `redirectUriMatches` (exact, with RFC 8252 §7.3 loopback
 *   ports).
 *
 * The provider is built again when the keys change (a rotation here, or seen in the database
 * within {@link KEY_CHECK_INTERVAL_MS} when another instance rotated them): oidc-provider reads
 * its keys once, at construction. Requests in flight finish on the provider they started on.
 */
export class AuthorizationServer implements OnModuleDestroy {
  private readonly logger = new Logger('AuthorizationServer');
  private readonly placeholderSecret = randomBytes(32).toString('base64url');
  private current!: {
    provider: Provider;
    handle: ReturnType<Provider['callback']>;
    keys: string;
    cookieKey: Buffer;
  };
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly dependencies: AuthorizationServerDependencies,
    private readonly contextIdler: RequestContextIdler,
  ) {}

  /** Builds the server on the current keys (creating them at first start). */
  static async start(dependencies: AuthorizationServerDependencies): Promise<AuthorizationServer> {
    const server = new AuthorizationServer(
      dependencies,
      new RequestContextIdler(await providerContextStorage()),
    );
    server.build(await dependencies.keys.load());
    server.timer = setInterval(() => void server.reloadKeysIfChanged(), KEY_CHECK_INTERVAL_MS);
    server.timer.unref();
    return server;
  }

  /** The provider serving requests now. */
  get provider(): Provider {
    return this.current.provider;
  }

  /** The current cookie-signing key, from which the interaction forms' CSRF key is derived. */
  get formKeySource(): Buffer {
    return this.current.cookieKey;
  }

  /** Serves one request with the current provider (Node's request and response). */
  handle(request: IncomingMessage, response: ServerResponse): void {
    this.contextIdler.track(this.current.handle(request, response));
  }

  /** Builds the provider again on the keys in the database (after a rotation). */
  async reloadKeys(): Promise<void> {
    this.build(await this.dependencies.keys.load());
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.contextIdler.close();
  }

  /**
   * Builds the provider again if the keys in the database changed (another instance rotated
   * them); runs every {@link KEY_CHECK_INTERVAL_MS}. Failures are logged and retried next time.
   */
  async reloadKeysIfChanged(): Promise<void> {
    try {
      if ((await this.dependencies.keys.version()) !== this.current.keys) await this.reloadKeys();
    } catch (error) {
      // The database may be away for a moment; the next check tries again.
      this.logger.warn(`Checking the signing keys failed: ${String(error)}`);
    }
  }

  private build(keys: ServerKeySet): void {
    const { settings, models, clients, fetch, consents, accounts } = this.dependencies;
    const clientSource = providerClientSource(clients, this.placeholderSecret, () => Provider.ctx);
    const adapter = createAdapterFactory(models, clientSource);
    const provider = new Provider(
      settings.issuer,
      providerConfiguration(settings, { adapter, keys, fetch, consents, accounts }),
    );
    keepBuiltClients(provider.Client, clientSource);
    const prototype = provider.Client.prototype as unknown as ClientOverrides;
    prototype.compareClientSecret = function compareClientSecret(secret) {
      return clientSource.verifySecret(this.clientId, secret);
    };
    prototype.redirectUriAllowed = function redirectUriAllowed(uri) {
      return redirectUriMatches(this.redirectUris ?? [], uri);
    };
    provider.on('server_error', (_ctx, error: Error) => {
      this.logger.error(`oidc-provider: ${error.name}: ${error.message}`, error.stack);
    });
    const [cookieKey] = keys.cookieKeys;
    if (!cookieKey) throw new Error('no cookie-signing key');
    this.current = { provider, handle: provider.callback(), keys: keys.version, cookieKey };
  }
}

/** The members of oidc-provider's `Client` the server replaces. */
interface ClientOverrides {
  clientId: string;
  redirectUris?: string[];
  compareClientSecret(this: ClientOverrides, secret: string): Promise<boolean>;
  redirectUriAllowed(this: ClientOverrides, uri: string): boolean;
}
