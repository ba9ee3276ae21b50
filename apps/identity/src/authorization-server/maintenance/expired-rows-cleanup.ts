import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ServerKeys } from '../keys/server-keys.service.js';
import { OidcModelRepository } from '../persistence/oidc-model.repository.js';

/** How often expired rows are deleted. */
export const CLEANUP_INTERVAL_MS = 10 * 60 * 1000;
/** Rows deleted per statement, so that a large backlog never holds locks for long. */
const BATCH = 1000;
/** Batches per run at most; a larger backlog is finished by the next runs. */
const MAX_BATCHES = 100;

/**
 * Deletes what has expired: node-oidc-provider's models (codes, tokens, sessions, interactions,
 * grants) and signing keys whose overlap window has ended. One instance at a time does the model
 * deletion (an advisory lock; the others skip the run). The timer does not keep the process
 * alive, and a failed run (the database away) is retried at the next one.
 */
@Injectable()
export class ExpiredRowsCleanup implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ExpiredRowsCleanup');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly models: OidcModelRepository,
    private readonly keys: ServerKeys,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runOnce(), CLEANUP_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One cleanup run. Returns how many models were deleted (0 when another instance ran it). */
  async runOnce(): Promise<number> {
    let deleted = 0;
    const run = (async () => {
      const now = new Date();
      for (let batch = 0; batch < MAX_BATCHES; batch++) {
        const count = await this.models.deleteExpired(now, BATCH);
        deleted += count ?? 0;
        if (count === undefined || count < BATCH) break;
      }
      await this.keys.deleteExpired();
    })().catch((error: unknown) => {
      this.logger.warn(`Deleting expired rows failed; retrying at the next run: ${String(error)}`);
    });
    this.running = run;
    await run;
    return deleted;
  }
}
