import type { Provider } from '@nestjs/common';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { DCR_OPTIONS } from '../resolved-dcr-options.js';
import { DcrRateLimitStorage } from './dcr-rate-limit.storage.js';
import { RateLimitSweeper } from './rate-limit-sweeper.js';
import { registrationThrottlerOptions } from './registration-throttlers.js';

/**
 * The providers of the registration rate limits, on the model of `ThrottlerModule`'s: the throttler
 * options (from the module's options) and the storage, under `@nestjs/throttler`'s own tokens,
 * which `ThrottlerGuard` injects. They are the module's own providers, not exported: a host's
 * `ThrottlerModule` (global) keeps its own options and storage, and this module uses these.
 */
export const RATE_LIMIT_PROVIDERS: Provider[] = [
  { provide: getOptionsToken(), useFactory: registrationThrottlerOptions, inject: [DCR_OPTIONS] },
  DcrRateLimitStorage,
  { provide: getStorageToken(), useExisting: DcrRateLimitStorage },
  RateLimitSweeper,
];
