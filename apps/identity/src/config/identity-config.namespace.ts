import { registerAs } from '@nestjs/config';
import type { IdentityConfig } from './identity-config.js';

/** Key of the app's configuration in `@nestjs/config`'s `ConfigService`. */
export const IDENTITY_CONFIG_NAMESPACE = 'identity';

/**
 * The `load` entry of `ConfigModule.forRoot` that serves `config` under
 * {@link IDENTITY_CONFIG_NAMESPACE}; inject it with `@Inject(namespace.KEY)` or read it with
 * `configService.getOrThrow<IdentityConfig>('identity')`.
 */
export function identityConfigNamespace(config: IdentityConfig) {
  return registerAs(IDENTITY_CONFIG_NAMESPACE, () => config);
}
