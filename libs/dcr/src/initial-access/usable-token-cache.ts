import type { DcrInitialAccessTokenEntity } from './dcr-initial-access-token.entity.js';

/** How long a token found usable is believed usable without reading it again (milliseconds). */
export const USABLE_TOKEN_TTL_MS = 2_000;

/** How many tokens are remembered at most (the least recently found are forgotten first). */
export const USABLE_TOKEN_CAPACITY = 1_000;

interface Entry {
  readonly token: DcrInitialAccessTokenEntity;
  readonly foundAt: number;
}

/**
 * The initial access tokens found usable in the last {@link USABLE_TOKEN_TTL_MS}, by digest, so
 * that a registrant presenting the same token again is authenticated without reading the token's
 * row, which every registration with it also updates (its use count). Only what does not change
 * is relied on (the id, the bound policy, the expiry, checked at each look-up); whether uses are
 * left and whether it was revoked are decided by the count, which refuses a token used up or
 * revoked meanwhile before anything is stored. Unknown and unusable tokens are never remembered.
 * Pure: no Nest, no database; the clock is injected for tests.
 */
export class UsableTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = USABLE_TOKEN_TTL_MS,
    private readonly capacity = USABLE_TOKEN_CAPACITY,
    private readonly now: () => number = Date.now,
  ) {}

  /** The token with this digest if it was found usable lately and has not expired since. */
  get(tokenDigest: Buffer): DcrInitialAccessTokenEntity | undefined {
    const key = keyOf(tokenDigest);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = this.now();
    if (now - entry.foundAt >= this.ttlMs || entry.token.expiresAt.getTime() <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.token;
  }

  /** Remembers a token just read from the database as usable. */
  remember(token: DcrInitialAccessTokenEntity): void {
    const key = keyOf(token.tokenDigest);
    this.entries.delete(key);
    this.entries.set(key, { token, foundAt: this.now() });
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  /** Forgets the token with this id (revoked on this instance). */
  forget(id: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.token.id === id) this.entries.delete(key);
    }
  }
}

function keyOf(tokenDigest: Buffer): string {
  return tokenDigest.toString('base64');
}
