import { ConfigurableModuleBuilder, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import {
  DEFAULT_REGISTRATION_PATH,
  type DcrModuleExtras,
  type DcrModuleOptions,
} from './dcr-module-options.js';
import { DcrAdminService } from './admin/dcr-admin.service.js';
import { ClientAssertionVerifier } from './client-authentication/client-assertion-verifier.js';
import { ClientAuthenticationService } from './client-authentication/client-authentication.service.js';
import { ClientKeySets } from './client-authentication/client-key-sets.js';
import { CimdClientSource } from './cimd/cimd-client-source.js';
import { CimdDocumentCache } from './cimd/cimd-document-cache.js';
import { ClientConfigurationService } from './configuration/client-configuration.service.js';
import { RegistrationTokenAuthenticator } from './configuration/registration-token-authenticator.js';
import { DcrMetadataService } from './discovery/dcr-metadata.service.js';
import { DcrEvents } from './events/dcr-events.js';
import { DcrReadiness } from './health/dcr-readiness.js';
import { createAdminController } from './http/admin.controller.js';
import { createClientConfigurationController } from './http/client-configuration.controller.js';
import { DcrBodyErrorFilter } from './http/dcr-body-error.filter.js';
import { DcrExceptionFilter } from './http/dcr-exception.filter.js';
import { createRegistrationController } from './http/registration.controller.js';
import { ClientReaperRepository } from './lifecycle/client-reaper.repository.js';
import { DcrClientReaper } from './lifecycle/dcr-client-reaper.js';
import { OutboundFetcher } from './outbound/outbound-fetcher.js';
import { DcrClientAssertionJtiRepository } from './persistence/dcr-client-assertion-jti.repository.js';
import { DcrCimdDocumentRepository } from './persistence/dcr-cimd-document.repository.js';
import { createInitialAccessTokensController } from './http/initial-access-tokens.controller.js';
import { REGISTRATION_GUARDS } from './http/registration-guards.js';
import { InitialAccessTokenRepository } from './initial-access/initial-access-token.repository.js';
import { InitialAccessTokens } from './initial-access/initial-access-tokens.service.js';
import { TokenUseLeases } from './initial-access/token-use-leases.js';
import { ClientQuotaRepository } from './persistence/client-quota.repository.js';
import { DcrClientRepository } from './persistence/dcr-client.repository.js';
import { DCR_ENTITIES } from './persistence/dcr-entities.js';
import { DCR_DATA_SOURCE, DcrDatabase } from './persistence/dcr-database.js';
import { RATE_LIMIT_PROVIDERS } from './rate-limit/rate-limit.providers.js';
import { RegistrationEvaluator } from './registration/registration-evaluator.js';
import { SectorIdentifierCheck } from './registration/sector-identifier-check.js';
import { RegistrationService } from './registration/registration.service.js';
import { SoftwareStatementVerifier } from './software-statement/software-statement-verifier.js';
import { DcrClientResolver } from './resolver/dcr-client-resolver.js';
import { DCR_OPTIONS, resolveDcrOptions, type ResolvedDcrOptions } from './resolved-dcr-options.js';

/** Injection token of the {@link DcrModuleOptions} as given to `forRoot`/`forRootAsync`. */
export const DCR_MODULE_OPTIONS = Symbol('DCR_MODULE_OPTIONS');
const DCR_ROUTE_PATH = Symbol('DCR_ROUTE_PATH');

export const { ConfigurableModuleClass, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<DcrModuleOptions>({
    moduleName: 'Dcr',
    optionsInjectionToken: DCR_MODULE_OPTIONS,
  })
    .setClassMethodName('forRoot')
    .setExtras<DcrModuleExtras>({ path: DEFAULT_REGISTRATION_PATH }, (definition, extras) =>
      withRegistration(definition, { ...extras, path: extras.path ?? DEFAULT_REGISTRATION_PATH }),
    )
    .build();

// The paths and the data source are "extras": they shape the controllers and the imports, so they
// are known when the module is defined, even in `forRootAsync`. An explicit `path: undefined`
// falls back to the default too.
function withRegistration(
  definition: DynamicModule,
  { path, adminPath, dataSource }: DcrModuleExtras,
): DynamicModule {
  return {
    ...definition,
    imports: [...(definition.imports ?? []), TypeOrmModule.forFeature(DCR_ENTITIES, dataSource)],
    controllers: [
      createRegistrationController(path),
      createClientConfigurationController(path),
      ...(adminPath === undefined
        ? []
        : [createAdminController(adminPath), createInitialAccessTokensController(adminPath)]),
    ],
    providers: [
      ...(definition.providers ?? []),
      { provide: DCR_ROUTE_PATH, useValue: path },
      {
        provide: DCR_OPTIONS,
        useFactory: resolveDcrOptions,
        inject: [DCR_MODULE_OPTIONS, DCR_ROUTE_PATH],
      },
      { provide: DCR_DATA_SOURCE, useExisting: getDataSourceToken(dataSource) },
      DcrDatabase,
      DcrClientRepository,
      RegistrationService,
      RegistrationEvaluator,
      SectorIdentifierCheck,
      SoftwareStatementVerifier,
      InitialAccessTokenRepository,
      InitialAccessTokens,
      TokenUseLeases,
      ClientQuotaRepository,
      ...REGISTRATION_GUARDS,
      RegistrationTokenAuthenticator,
      ClientConfigurationService,
      ClientAuthenticationService,
      ClientAssertionVerifier,
      ClientKeySets,
      DcrClientAssertionJtiRepository,
      DcrAdminService,
      DcrMetadataService,
      DcrEvents,
      DcrReadiness,
      DcrExceptionFilter,
      DcrBodyErrorFilter,
      DcrCimdDocumentRepository,
      CimdDocumentCache,
      CimdClientSource,
      DcrClientResolver,
      {
        provide: OutboundFetcher,
        useFactory: (options: ResolvedDcrOptions) => new OutboundFetcher(options.outbound),
        inject: [DCR_OPTIONS],
      },
      ...RATE_LIMIT_PROVIDERS,
      ClientReaperRepository,
      DcrClientReaper,
    ],
    exports: [
      DcrReadiness,
      ClientAuthenticationService,
      DcrAdminService,
      DcrMetadataService,
      DcrEvents,
      DcrExceptionFilter,
      DcrBodyErrorFilter,
      OutboundFetcher,
      CimdClientSource,
      DcrClientReaper,
      DcrClientResolver,
      DcrDatabase,
      // For hosts' own operator routes guarded by AdminTokenGuard.
      DCR_OPTIONS,
    ],
  };
}
