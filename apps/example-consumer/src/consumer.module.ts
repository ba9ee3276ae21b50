import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DcrModule, type DcrModuleOptions } from '@agent-runtimes/dcr';
import type { ConsumerConfig } from './config/consumer-config.js';
import { consumerConfigNamespace, consumerConfigOf } from './config/consumer-config.namespace.js';
import { AuditEntry } from './database/audit-entry.entity.js';
import { AuditLog } from './database/audit-log.js';
import { typeOrmOptions } from './database/typeorm-options.js';
import { TokenController } from './token/token.controller.js';
import { TokenEndpointService } from './token/token-endpoint.service.js';

/**
 * The example host app, composed the way a Nest user composes `@nestjs/typeorm`: `ConfigModule`
 * serves the configuration, the app's own TypeORM data source and the `DcrModule` read it in their
 * async factories, and the app's token endpoint uses the module's `ClientAuthenticationService`.
 */
@Module({})
export class ConsumerModule {
  static forRoot(config: ConsumerConfig): DynamicModule {
    return {
      module: ConsumerModule,
      imports: [
        ConfigModule.forRoot({
          // The configuration comes only from `config` (read from the environment by main.ts):
          // no .env file, and nothing read from or copied to process.env, so that two instances
          // in one process (the tests) each keep their own.
          ignoreEnvFile: true,
          skipProcessEnv: true,
          validatePredefined: false,
          load: [consumerConfigNamespace(config)],
        }),
        TypeOrmModule.forRootAsync({
          imports: [ConfigModule],
          inject: [ConfigService],
          useFactory: (configService: ConfigService) =>
            typeOrmOptions(consumerConfigOf(configService)),
        }),
        TypeOrmModule.forFeature([AuditEntry]),
        DcrModule.forRootAsync({
          imports: [ConfigModule],
          inject: [ConfigService],
          useFactory: (configService: ConfigService): DcrModuleOptions => {
            const { issuer, registrationEndpoint } = consumerConfigOf(configService);
            return { issuer, registrationEndpoint };
          },
          // Static: it shapes the module's routes, so it cannot come from an async factory.
          path: config.registrationPath,
        }),
      ],
      controllers: [TokenController],
      providers: [AuditLog, TokenEndpointService],
    };
  }
}
