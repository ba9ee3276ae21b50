import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DcrModule } from '@agent-runtimes/dcr';
import { AuthorizationServerModule } from './authorization-server/authorization-server.module.js';
import type { IdentityConfig } from './config/identity-config.js';
import { identityConfigNamespace } from './config/identity-config.namespace.js';
import { dcrModuleOptions } from './dcr-module-options.js';
import { typeOrmModuleOptions, type DatabaseTarget } from './database/typeorm-options.js';
import { createDiscoveryControllers } from './discovery/discovery.controller.js';
import { HealthController } from './health/health.controller.js';
import { IDENTITY_CONFIG } from './identity-config.token.js';

/**
 * The identity app: DcrModule on the app's PostgreSQL, the authorization server built on its
 * clients, and the discovery metadata of both.
 */
@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig, database: DatabaseTarget): DynamicModule {
    const namespace = identityConfigNamespace(config);
    // One module instance, imported here and by the authorization server (Nest shares it).
    const dcr = DcrModule.forRoot(dcrModuleOptions(config));
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
        dcr,
        AuthorizationServerModule.forRoot(config, dcr),
      ],
      controllers: [...createDiscoveryControllers(config.issuer), HealthController],
      providers: [{ provide: IDENTITY_CONFIG, useExisting: namespace.KEY }],
    };
  }
}
