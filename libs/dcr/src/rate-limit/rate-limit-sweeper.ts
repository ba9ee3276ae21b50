import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { DcrRateLimitStorage } from './dcr-rate-limit.storage.js';

/** How often expired counters are swept, in ms. */
const SWEEP_INTERVAL_MS = 60_000;
/** Counters deleted per statement: a flood of distinct addresses is swept in bounded steps. */
const SWEEP_BATCH = 5000;

/**
 * Deletes expired rate-limit counters every minute while a limit is on, in one instance at a time
 * (an advisory lock: the others skip that round). A counter that is hit again before it is swept
 * simply starts a new window, so the sweep only bounds the table's size. Its timer does not keep
 * the process alive and stops when the module is destroyed.
 */
@Injectable()
export class RateLimitSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DcrRateLimit');
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;
  private stopped = false;

  constructor(
    @Inject(DCR_OPTIONS) private readonly options: ResolvedDcrOptions,
    private readonly storage: DcrRateLimitStorage,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.rateLimit.enabled) return;
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => {
        this.logger.warn(`Sweeping expired rate-limit counters failed: ${String(error)}`);
      });
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
  }

  /**
   * Deletes every expired counter now (unless another instance is sweeping) and returns how many
   * this instance deleted. One sweep at a time per instance: a call during one joins it.
   */
  sweep(): Promise<number> {
    this.sweeping ??= this.sweepAll().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async sweepAll(): Promise<number> {
    let deleted = 0;
    while (!this.stopped) {
      const batch = await this.storage.deleteExpired(SWEEP_BATCH);
      if (batch === 'locked') break;
      deleted += batch;
      if (batch < SWEEP_BATCH) break;
    }
    return deleted;
  }
}
