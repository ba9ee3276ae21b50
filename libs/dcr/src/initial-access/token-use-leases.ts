import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InitialAccessTokenRepository, USE_LEASE_MAX } from './initial-access-token.repository.js';

/** How long this instance keeps uses it leased and has not used before giving them back (ms). */
export const USE_LEASE_HOLD_MS = 1_000;

interface Held {
  uses: number;
  readonly timer: NodeJS.Timeout;
}

/**
 * The uses of initial access tokens this instance has taken from their rows and not used yet
 * (RFC 7591 §3 leaves counting to the server). A registration takes one use here; when none is
 * held, it takes a lease from the token's row ({@link InitialAccessTokenRepository.leaseUses}):
 * one use while the token has fewer than 128 left, so that small tokens are counted one by one in
 * their row as before, and up to 16 when it has many, so that a fleet registering with one big
 * token counts in its row once every 16 registrations instead of every time. An instance takes
 * one lease at a time per token, so it never holds more than 16 uses of one token.
 *
 * What an operator sees:
 * - no token ever registers more clients than its `max_uses`, over any number of instances: a
 *   lease is taken from the row atomically, and the INSERT of each client checks that the token
 *   is still valid, so a revoked or expired token stores nothing even while uses are held;
 * - uses held and not used go back to the row {@link USE_LEASE_HOLD_MS} after they were taken,
 *   and when the module is destroyed (`app.close()`); until then the row's `remaining_uses` does
 *   not count them, and near the end of a big token another instance may answer 401 for that
 *   long while this one still holds a few;
 * - an instance that crashes loses the uses it held (at most 16 per token, and only from a token
 *   with 1,024 or more left): the safe direction.
 */
@Injectable()
export class TokenUseLeases implements OnModuleDestroy {
  private readonly logger = new Logger('TokenUseLeases');
  private readonly held = new Map<string, Held>();
  /** The lease this instance is taking from each token's row, shared by the takers waiting on it. */
  private readonly leasing = new Map<string, Promise<number>>();
  /** Set when the module is destroyed: no lease of more than one use after that. */
  private closing = false;

  constructor(private readonly tokens: InitialAccessTokenRepository) {}

  /** Takes one use of the token: `false` when it has none left, has expired or was revoked. */
  async take(tokenId: string): Promise<boolean> {
    for (;;) {
      if (this.takeHeld(tokenId)) return true;
      // One lease at a time per token: the takers that arrive meanwhile share what it brings, take
      // their own when it brought too few, and fail with it when the token had none left.
      const pending = this.leasing.get(tokenId);
      if (pending) {
        if ((await pending) === 0) return false;
        continue;
      }
      const lease = this.lease(tokenId);
      this.leasing.set(tokenId, lease);
      try {
        // The lease's first use is this taker's.
        return (await lease) > 0;
      } finally {
        this.leasing.delete(tokenId);
      }
    }
  }

  /**
   * Gives back a use taken by {@link take} for a registration that did not happen: to the uses
   * held when there are some, else to the token's row at once (a failure to write it loses the use:
   * the safe direction).
   */
  async giveBack(tokenId: string): Promise<void> {
    const held = this.held.get(tokenId);
    if (held) {
      held.uses += 1;
      return;
    }
    await this.tokens.returnUses(tokenId, 1).catch((error: unknown) => {
      this.logger.warn(
        `A use of initial access token ${tokenId} was not given back: ${String(error)}`,
      );
    });
  }

  /** Whether this instance holds a use of the token (a dry run's answer depends on it). */
  holds(tokenId: string): boolean {
    return (this.held.get(tokenId)?.uses ?? 0) > 0;
  }

  /**
   * Gives every held use back to its token's row, once the leases being taken have come back;
   * registrations still served while the app closes take one use at a time and hold none.
   */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.leasing.values()]);
    await Promise.all([...this.held.keys()].map((tokenId) => this.release(tokenId)));
  }

  private takeHeld(tokenId: string): boolean {
    const held = this.held.get(tokenId);
    if (!held || held.uses === 0) return false;
    held.uses -= 1;
    return true;
  }

  private hold(tokenId: string, uses: number): void {
    const held = this.held.get(tokenId);
    if (held) {
      held.uses += uses;
      return;
    }
    const timer = setTimeout(() => void this.release(tokenId), USE_LEASE_HOLD_MS);
    timer.unref();
    this.held.set(tokenId, { uses, timer });
  }

  /**
   * Takes a lease from the token's row and holds all its uses but the first, which is the
   * caller's (a lease of one holds nothing); resolves to how many were taken.
   */
  private async lease(tokenId: string): Promise<number> {
    const uses = await this.tokens.leaseUses(tokenId, this.closing ? 1 : USE_LEASE_MAX);
    if (uses > 1) this.hold(tokenId, uses - 1);
    return uses;
  }

  /** Gives the held uses of one token back to its row. */
  private async release(tokenId: string): Promise<void> {
    const held = this.held.get(tokenId);
    if (!held) return;
    this.held.delete(tokenId);
    clearTimeout(held.timer);
    if (held.uses === 0) return;
    await this.tokens.returnUses(tokenId, held.uses).catch((error: unknown) => {
      this.logger.warn(
        `${held.uses} leased uses of initial access token ${tokenId} were not given back: ${String(error)}`,
      );
    });
  }
}
