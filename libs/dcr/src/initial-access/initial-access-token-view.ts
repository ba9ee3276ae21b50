import type { DcrInitialAccessTokenEntity } from './dcr-initial-access-token.entity.js';
import type { InitialAccessTokenPolicy } from './initial-access-token-policy.js';

/** Whether a token can register clients now, and if not, why. */
export type InitialAccessTokenStatus = 'active' | 'expired' | 'used_up' | 'revoked';

/**
 * An initial access token as operators see it (admin API, CLI, host tooling): never its value,
 * which is shown once, when it is minted. Times are Unix seconds, like RFC 7591's.
 */
export interface InitialAccessTokenView {
  id: string;
  label?: string;
  status: InitialAccessTokenStatus;
  created_at: number;
  expires_at: number;
  max_uses: number;
  remaining_uses: number;
  revoked_at?: number;
  policy?: InitialAccessTokenPolicy;
}

/** A freshly minted token: its view and, this once, its value. */
export interface MintedInitialAccessToken extends InitialAccessTokenView {
  token: string;
}

/** The operator's view of a stored token at `now`. Pure. */
export function toInitialAccessTokenView(
  token: DcrInitialAccessTokenEntity,
  now: Date,
): InitialAccessTokenView {
  return {
    id: token.id,
    ...(token.label === null ? {} : { label: token.label }),
    status: statusOf(token, now),
    created_at: unixSeconds(token.createdAt),
    expires_at: unixSeconds(token.expiresAt),
    max_uses: token.maxUses,
    remaining_uses: token.remainingUses,
    ...(token.revokedAt === null ? {} : { revoked_at: unixSeconds(token.revokedAt) }),
    ...(token.policy === null ? {} : { policy: token.policy }),
  };
}

function statusOf(token: DcrInitialAccessTokenEntity, now: Date): InitialAccessTokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt <= now) return 'expired';
  return token.remainingUses > 0 ? 'active' : 'used_up';
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
