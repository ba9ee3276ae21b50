import {
  Inject,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { ConfigurableModuleClass, OPTIONS_TYPE } from './dcr.module-definition.js';
import { DcrCorsMiddleware } from './http/dcr-cors.middleware.js';
import { DCR_OPTIONS, resolveDcrOptions, type ResolvedDcrOptions } from './resolved-dcr-options.js';

/**
 * OAuth 2.0 Dynamic Client Registration (RFC 7591, RFC 7592) for a Nest app.
 *
 * ```ts
 * @Module({
 *   imports: [
 *     TypeOrmModule.forRoot({ type: 'postgres', url, entities: DCR_ENTITIES,
 *       migrations: DCR_MIGRATIONS, migrationsRun: true }),
 *     DcrModule.forRoot({ issuer: 'https://auth.example.com' }),
 *   ],
 * })
 * export class AppModule {}
 * ```
 *
 * or, with options from another module:
 *
 * ```ts
 * DcrModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ issuer: config.getOrThrow('ISSUER') }),
 *   path: 'oauth/register', // static: it shapes the route
 * })
 * ```
 *
 * The module uses the host's TypeORM data source (its entities are `DCR_ENTITIES`; list them or
 * set `autoLoadEntities`) and needs `DCR_MIGRATIONS` to have run there. It exports
 * `ClientAuthenticationService` (for the host's token endpoint), `DcrAdminService`,
 * `DcrMetadataService` (for RFC 8414 metadata), `DcrEvents`, `DcrExceptionFilter` and
 * `DcrClientReaper`.
 */
@Module({})
export class DcrModule extends ConfigurableModuleClass implements NestModule {
  constructor(@Inject(DCR_OPTIONS) private readonly options: ResolvedDcrOptions) {
    super();
  }

  /**
   * Registers the module with static options. They are checked here, so that bad options stop
   * the app before anything (a database connection) is started.
   */
  static override forRoot(options: typeof OPTIONS_TYPE): DynamicModule {
    resolveDcrOptions(options, options.path);
    return super.forRoot(options);
  }

  /** CORS for the registration and configuration endpoints (not the admin API). */
  configure(consumer: MiddlewareConsumer): void {
    const { path } = this.options;
    consumer
      .apply(DcrCorsMiddleware)
      .forRoutes(
        { path, method: RequestMethod.ALL },
        { path: `${path}/*splat`, method: RequestMethod.ALL },
      );
  }
}
