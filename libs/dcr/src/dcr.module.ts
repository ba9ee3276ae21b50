import { Module } from '@nestjs/common';
import { ConfigurableModuleClass } from './dcr.module-definition.js';

/**
 * OAuth 2.0 Dynamic Client Registration (RFC 7591) for a Nest app.
 *
 * ```ts
 * @Module({
 *   imports: [
 *     TypeOrmModule.forRoot({ type: 'postgres', url, autoLoadEntities: true,
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
 * The module uses the host's TypeORM data source (its entity is `DcrClientEntity`; list it or set
 * `autoLoadEntities`) and needs `DCR_MIGRATIONS` to have run there.
 */
@Module({})
export class DcrModule extends ConfigurableModuleClass {}
