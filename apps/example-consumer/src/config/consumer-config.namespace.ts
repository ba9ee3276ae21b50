import { registerAs, type ConfigService } from '@nestjs/config';
import type { ConsumerConfig } from './consumer-config.js';

/** Key of the app's configuration in `ConfigService`. */
export const CONSUMER_CONFIG = 'consumer';

/** The `load` entry of `ConfigModule.forRoot` that serves `config` under {@link CONSUMER_CONFIG}. */
export function consumerConfigNamespace(config: ConsumerConfig) {
  return registerAs(CONSUMER_CONFIG, () => config);
}

/** The app's configuration, as the async module factories read it. */
export function consumerConfigOf(configService: ConfigService): ConsumerConfig {
  return configService.getOrThrow<ConsumerConfig>(CONSUMER_CONFIG);
}
