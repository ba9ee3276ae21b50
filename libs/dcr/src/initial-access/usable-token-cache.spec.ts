import { describe, expect, it } from '@jest/globals';
import { digest } from '../credentials/digest.js';
import type { DcrInitialAccessTokenEntity } from './dcr-initial-access-token.entity.js';
import { UsableTokenCache } from './usable-token-cache.js';

const START = Date.parse('2026-01-01T00:00:00Z');

function token(name: string, expiresAt = START + 3_600_000): DcrInitialAccessTokenEntity {
  return {
    id: `id-${name}`,
    tokenDigest: digest(name),
    label: null,
    policy: null,
    maxUses: 5,
    remainingUses: 5,
    expiresAt: new Date(expiresAt),
    createdAt: new Date(START),
    revokedAt: null,
  };
}

function cacheAt(ttlMs = 2_000, capacity = 10) {
  const clock = { now: START };
  return { clock, cache: new UsableTokenCache(ttlMs, capacity, () => clock.now) };
}

describe('UsableTokenCache', () => {
  it('knows only what it was told, by digest', () => {
    const { cache } = cacheAt();
    expect(cache.get(digest('a'))).toBeUndefined();
    const a = token('a');
    cache.remember(a);
    expect(cache.get(digest('a'))).toBe(a);
    expect(cache.get(digest('b'))).toBeUndefined();
  });

  it('forgets a token once its time is up, and one that expired meanwhile', () => {
    const { clock, cache } = cacheAt(2_000);
    cache.remember(token('a'));
    cache.remember(token('soon', START + 500));
    clock.now = START + 499;
    expect(cache.get(digest('soon'))).toBeDefined();
    clock.now = START + 500;
    expect(cache.get(digest('soon'))).toBeUndefined();
    clock.now = START + 1_999;
    expect(cache.get(digest('a'))).toBeDefined();
    clock.now = START + 2_000;
    expect(cache.get(digest('a'))).toBeUndefined();
  });

  it('starts the time again when the token is read again', () => {
    const { clock, cache } = cacheAt(2_000);
    cache.remember(token('a'));
    clock.now = START + 1_500;
    cache.remember(token('a'));
    clock.now = START + 3_000;
    expect(cache.get(digest('a'))?.id).toBe('id-a');
  });

  it('forgets a revoked token by its id', () => {
    const { cache } = cacheAt();
    cache.remember(token('a'));
    cache.remember(token('b'));
    cache.forget('id-a');
    expect(cache.get(digest('a'))).toBeUndefined();
    expect(cache.get(digest('b'))?.id).toBe('id-b');
  });

  it('keeps at most its capacity, forgetting the least recently read first', () => {
    const { cache } = cacheAt(2_000, 2);
    cache.remember(token('a'));
    cache.remember(token('b'));
    cache.remember(token('a'));
    cache.remember(token('c'));
    expect(cache.get(digest('b'))).toBeUndefined();
    expect(cache.get(digest('a'))?.id).toBe('id-a');
    expect(cache.get(digest('c'))?.id).toBe('id-c');
  });
});
