import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DcrModule } from '@agent-runtimes/dcr';
import type { IdentityConfig } from './config/identity-config.js';
import { identityConfigNamespace } from './config/identity-config.namespace.js';
import { typeOrmModuleOptions, type DatabaseTarget } from './database/typeorm-options.js';
import { createDiscoveryController } from './discovery/discovery.controller.js';
import { HealthController } from './health/health.controller.js';
import { IDENTITY_CONFIG } from './identity-config.token.js';

/** The identity app: DcrModule on the app's PostgreSQL, plus discovery metadata. */
@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig, database: DatabaseTarget): DynamicModule {
    const namespace = identityConfigNamespace(config);
    return {
      module: IdentityModule,
      imports: [
        // `config` was read and checked from the environment before anything started (main.ts),
        // so ConfigModule only serves it: no .env file, and nothing read from or copied to
        // process.env, so that several apps in one process (the tests) each keep their own.
        ConfigModule.forRoot({
          ignoreEnvFile: true,
          skipProcessEnv: true,
          validatePredefined: false,
          load: [namespace],
        }),
        TypeOrmModule.forRootAsync(typeOrmModuleOptions(database)),
        // Failed probes are answered 503 with details; the log would only repeat them.
        TerminusModule.forRoot({ logger: false }),
        DcrModule.forRoot({
          issuer: config.issuer,
          clientSecretLifetimeSeconds: config.clientSecretLifetimeSeconds,
          rotateRegistrationAccessToken: config.rotateRegistrationAccessToken,
          registrationAccessTokenGracePeriodSeconds:
            config.registrationAccessTokenGracePeriodSeconds,
          revokeRegistrationTokensOnReuse: config.revokeRegistrationTokensOnReuse,
          statementTimeoutMs: config.databaseStatementTimeoutMs,
          redirectUriPolicy: config.redirectUriPolicy,
          narrowUnsupported: {
            grantTypes: config.narrowUnsupportedMetadata,
            responseTypes: config.narrowUnsupportedMetadata,
            scopes: config.narrowUnsupportedMetadata,
          },
          uriHostMismatch: config.uriHostMismatch,
          adminToken: config.adminToken,
          // private_key_jwt assertions may name the token endpoint as their audience.
          tokenEndpoint: config.tokenEndpoint,
          cimd: { enabled: config.cimd },
          outbound: { allowLoopbackHttp: config.cimdAllowLoopbackHttp },
          registrationRateLimit: config.registrationRateLimit,
          trustedProxies: [...config.trustedProxies],
          clientReaper: config.clientReaper,
          // The operator API exists only where an operator credential is configured.
          adminPath: config.adminToken ? 'admin' : undefined,
        }),
      ],
      controllers: [createDiscoveryController(config.issuer), HealthController],
      providers: [{ provide: IDENTITY_CONFIG, useExisting: namespace.KEY }],
    };
  }
}
