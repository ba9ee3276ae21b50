import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DcrEvents } from '../events/dcr-events.js';
import { DCR_OPTIONS, type ResolvedDcrOptions } from '../resolved-dcr-options.js';
import { DCR_CLIENT_IN_USE, type DcrClientInUse } from './client-in-use.js';
import {
  ClientReaperRepository,
  type ReapCandidate,
  type ReapReason,
} from './client-reaper.repository.js';

/** What one pass of the reaper did. */
export interface ReapResult {
  /** `false` when another instance was reaping, so this one did nothing. */
  readonly ran: boolean;
  /** Clients deleted, by reason. */
  readonly reaped: Readonly<Record<ReapReason, number>>;
  /** Clients the rules selected but the host's `DCR_CLIENT_IN_USE` reported in use: kept. */
  readonly keptInUse: number;
}

/**
 * Deletes clients that were never used or are idle, by the `clientReaper` options, every
 * `intervalSeconds`, and on demand ({@link reapNow}). Each batch (`batchSize` clients) is one
 * transaction that first takes the reaper's advisory lock: an instance that finds it taken stops
 * its pass, so one instance at a time reaps. Candidates are walked in client id order, so a pass
 * ends even when the host keeps every candidate; the host's `DCR_CLIENT_IN_USE` hook is asked about
 * each batch before anything is deleted. Candidates stay locked from selection to deletion (and
 * clients another transaction holds are skipped), so none changes in between. A `client.reaped` event (`details.reason`: `never_used` or
 * `idle`, actor `operator`: the operator's configured rules) follows each deletion, after commit.
 *
 * The timer does not keep the process alive and stops when the module is destroyed (the pass in
 * progress finishes its batch first).
 */
@Injectable()
export class DcrClientReaper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DcrClientReaper');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReapResult> | undefined;
  private stopped = false;

  constructor(
    @Inject(DCR_OPTIONS) private readonly options: ResolvedDcrOptions,
    private readonly repository: ClientReaperRepository,
    private readonly events: DcrEvents,
    @Optional() @Inject(DCR_CLIENT_IN_USE) private readonly inUse?: DcrClientInUse,
  ) {}

  onApplicationBootstrap(): void {
    const { enabled, intervalSeconds } = this.options.clientReaper;
    if (!enabled) return;
    this.timer = setInterval(() => {
      this.reapNow().catch((error: unknown) => {
        this.logger.error(`Reaping unused clients failed: ${String(error)}`);
      });
    }, intervalSeconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * Runs a pass now, by the configured rules (nothing is deleted while both are off), and returns
   * what it did. A call while a pass of this instance is running joins that pass. Rejects when the
   * host's hook or the database fails; the batches committed before stay deleted.
   */
  reapNow(): Promise<ReapResult> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<ReapResult> {
    const { unusedAfterHours, idleAfterDays, batchSize, enabled } = this.options.clientReaper;
    const rules = { unusedAfterHours, idleAfterDays };
    const reaped: Record<ReapReason, number> = { never_used: 0, idle: 0 };
    let keptInUse = 0;
    let batches = 0;
    let after = '';
    while (enabled && !this.stopped) {
      const batch = await this.repository.batch(async (statements) => {
        const candidates = await statements.candidates(after, rules, batchSize);
        const kept = await this.inUseAmong(candidates);
        const deletable = candidates.filter(({ clientId }) => !kept.has(clientId));
        const deleted =
          deletable.length > 0
            ? await statements.delete(
                deletable.map(({ clientId }) => clientId),
                rules,
              )
            : [];
        return { candidates, deleted, kept: candidates.length - deletable.length };
      });
      // Another instance is reaping: it carries on from wherever it is.
      if (batch === 'locked') {
        if (batches === 0) return { ran: false, reaped, keptInUse };
        break;
      }
      batches++;
      for (const { clientId, reason } of batch.deleted) {
        reaped[reason]++;
        this.events.publish('client.reaped', clientId, 'operator', { reason });
      }
      keptInUse += batch.kept;
      const last = batch.candidates.at(-1);
      if (!last || batch.candidates.length < batchSize) break;
      after = last.clientId;
    }
    return { ran: true, reaped, keptInUse };
  }

  private async inUseAmong(candidates: readonly ReapCandidate[]): Promise<ReadonlySet<string>> {
    if (!this.inUse || candidates.length === 0) return new Set();
    const inUse: unknown = await this.inUse.isInUse(candidates.map(({ clientId }) => clientId));
    // Fail closed: an answer that is not a set deletes nothing.
    if (typeof (inUse as ReadonlySet<string> | undefined)?.has !== 'function') {
      throw new TypeError('DCR_CLIENT_IN_USE.isInUse must resolve to a Set of client ids');
    }
    return inUse as ReadonlySet<string>;
  }
}
