import { Module, type DynamicModule } from '@nestjs/common';
import { DcrClientResolver, DcrMetadataService, OutboundFetcher } from '@agent-runtimes/dcr';
import type { IdentityConfig } from '../config/identity-config.js';
import {
  AUTHORIZATION_SERVER_SETTINGS,
  authorizationServerSettings,
  upstreamCallbackUrl,
  type AuthorizationServerSettings,
} from './authorization-server-settings.js';
import { InteractionController } from './interaction/interaction.controller.js';
import { InteractionService } from './interaction/interaction.service.js';
import {
  INTERACTION_SETTINGS,
  type InteractionSettings,
} from './interaction/interaction-settings.js';
import { UpstreamSignIn } from './interaction/upstream-sign-in.js';
import { signInMethodFor } from './interaction/sign-in-method.js';
import { IdentityKeyRepository } from './keys/identity-key.repository.js';
import { loadKeyEncryptionKey } from './keys/key-encryption-key.js';
import {
  KEY_ENCRYPTION_KEY,
  SIGNING_KEY_OVERLAP_SECONDS,
  ServerKeys,
} from './keys/server-keys.service.js';
import { createSigningKeysController } from './keys/signing-keys.controller.js';
import { ExpiredRowsCleanup } from './maintenance/expired-rows-cleanup.js';
import { OidcModelRepository } from './persistence/oidc-model.repository.js';
import { AuthorizationServer } from './provider/authorization-server.js';
import { outboundFetch } from './provider/outbound-fetch.js';
import { AccountRepository } from './accounts/account.repository.js';
import { ConsentRepository } from './consent/consent.repository.js';
import { ConsentService } from './consent/consent.service.js';
import { createConsentsController } from './consent/consents.controller.js';
import { ClientDeletionRevocation } from './revocation/client-deletion-revocation.js';

/**
 * The OAuth 2.1 / OpenID Connect authorization server of the app: node-oidc-provider on
 * `libs/dcr`'s clients (through `DcrClientResolver`), its models and keys in the app's
 * PostgreSQL, the interaction pages, and the operator's key rotation. The provider's endpoints
 * are mounted into Fastify by `mountAuthorizationServer` (see `create-identity-app.ts`).
 */
@Module({})
export class AuthorizationServerModule {
  /**
   * @param dcr the app's `DcrModule.forRoot(...)` module, whose exports (client resolver, database
   *   access, registration metadata, events, outbound fetcher) the server is built on
   */
  static forRoot(config: IdentityConfig, dcr: DynamicModule): DynamicModule {
    const interaction: InteractionSettings = {
      signIn: signInMethodFor(config),
      autoApproveConsent: config.authorizationServer.consentAutoApprove,
      mountPath: new URL(config.issuer).pathname.replace(/\/+$/, ''),
      upstreamCallbackUrl: upstreamCallbackUrl(config.issuer),
    };
    return {
      module: AuthorizationServerModule,
      imports: [dcr],
      controllers: [
        InteractionController,
        // The operator API exists only where an operator credential is configured.
        ...(config.adminToken
          ? [createSigningKeysController('admin'), createConsentsController('admin')]
          : []),
      ],
      providers: [
        {
          provide: AUTHORIZATION_SERVER_SETTINGS,
          useFactory: (metadata: DcrMetadataService) =>
            authorizationServerSettings(config, metadata.registrationMetadata()),
          inject: [DcrMetadataService],
        },
        {
          provide: KEY_ENCRYPTION_KEY,
          useFactory: () =>
            loadKeyEncryptionKey(
              config.authorizationServer.signingKeyEncryptionKey,
              config.dataDir,
            ),
        },
        {
          provide: SIGNING_KEY_OVERLAP_SECONDS,
          useValue: config.authorizationServer.signingKeyOverlapSeconds,
        },
        { provide: INTERACTION_SETTINGS, useValue: interaction },
        IdentityKeyRepository,
        ServerKeys,
        OidcModelRepository,
        ConsentRepository,
        ConsentService,
        AccountRepository,
        {
          provide: AuthorizationServer,
          useFactory: (
            settings: AuthorizationServerSettings,
            keys: ServerKeys,
            models: OidcModelRepository,
            clients: DcrClientResolver,
            fetcher: OutboundFetcher,
            consents: ConsentService,
            accounts: AccountRepository,
          ) =>
            AuthorizationServer.start({
              settings,
              keys,
              models,
              clients,
              fetch: outboundFetch(fetcher),
              consents,
              accounts,
            }),
          inject: [
            AUTHORIZATION_SERVER_SETTINGS,
            ServerKeys,
            OidcModelRepository,
            DcrClientResolver,
            OutboundFetcher,
            ConsentService,
            AccountRepository,
          ],
        },
        InteractionService,
        UpstreamSignIn,
        ClientDeletionRevocation,
        ExpiredRowsCleanup,
      ],
      exports: [AUTHORIZATION_SERVER_SETTINGS, AuthorizationServer, KEY_ENCRYPTION_KEY],
    };
  }
}
