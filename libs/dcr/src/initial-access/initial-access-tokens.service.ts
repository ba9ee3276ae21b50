import { Injectable } from '@nestjs/common';
import { isIssuedClientId } from '../credentials/client-id.js';
import { digest } from '../credentials/digest.js';
import { CLIENT_ID_BYTES, CREDENTIAL_BYTES, randomTokens } from '../credentials/random-token.js';
import { currentSecond } from '../current-second.js';
import { OAuthError, invalidToken } from '../errors/oauth-error.js';
import type { DcrInitialAccessTokenEntity } from './dcr-initial-access-token.entity.js';
import { initialAccessTokenRuleSet } from './initial-access-token-policy.js';
import type { InitialAccessTokenRequest } from './initial-access-token-request.js';
import {
  toInitialAccessTokenView,
  type InitialAccessTokenView,
  type MintedInitialAccessToken,
} from './initial-access-token-view.js';
import { InitialAccessTokenRepository } from './initial-access-token.repository.js';
import type { Registrant } from './registrant.js';
import { UsableTokenCache } from './usable-token-cache.js';

/**
 * Initial access tokens (RFC 7591 §3): minted by operators, presented by registrants. A token is
 * 256 random bits from the OS CSPRNG; only its SHA-256 digest is stored. Its id, 128 random bits
 * like a client id, is what operators, clients' rows and events name.
 */
@Injectable()
export class InitialAccessTokens {
  /** Tokens this instance found usable lately: see {@link authenticate}. */
  private readonly usable = new UsableTokenCache();

  constructor(private readonly tokens: InitialAccessTokenRepository) {}

  /** Mints a token; the returned value is shown this once. */
  async mint(request: InitialAccessTokenRequest): Promise<MintedInitialAccessToken> {
    const [id, token] = randomTokens(CLIENT_ID_BYTES, CREDENTIAL_BYTES) as [string, string];
    // To the millisecond, so that listings show tokens in the order they were minted.
    const now = new Date();
    const entity: DcrInitialAccessTokenEntity = {
      id,
      tokenDigest: digest(token),
      label: request.label,
      policy: request.policy,
      maxUses: request.maxUses,
      remainingUses: request.maxUses,
      expiresAt: new Date(Math.floor(now.getTime() / 1000) * 1000 + request.expiresIn * 1000),
      createdAt: now,
      revokedAt: null,
    };
    await this.tokens.insert(entity);
    return { ...toInitialAccessTokenView(entity, now), token };
  }

  /** Every token, newest first, without values. */
  async list(): Promise<InitialAccessTokenView[]> {
    const now = new Date();
    return (await this.tokens.list()).map((token) => toInitialAccessTokenView(token, now));
  }

  /**
   * Revokes a token: it registers nothing more. Revoking it again is not an error; an unknown id
   * is a 404 (the operator is authenticated, so it may be told apart).
   */
  async revoke(id: string): Promise<void> {
    if (!isIssuedClientId(id)) throw unknownToken();
    const revoked = await this.tokens.revoke(id, currentSecond());
    this.usable.forget(id);
    if (revoked) return;
    if (!(await this.tokens.findById(id))) throw unknownToken();
  }

  /**
   * The registrant a valid token makes: 401 `invalid_token` (RFC 6750 §3.1) for a token that is
   * unknown, expired, revoked or has no use left, all alike. Nothing is used up here: the use is
   * counted when the client is stored, and that count refuses a token used up or revoked since.
   *
   * A token found usable is believed usable for 2 s ({@link UsableTokenCache}) instead of reading
   * its row again for each registration: the row every registration with it also updates. A
   * token revoked on another instance (or by the CLI), or used up, within those 2 s is therefore
   * refused by the count rather than here, with the same 401 `invalid_token` and nothing stored; a
   * dry run reads it again ({@link InitialAccessTokenRepository.isUsable}).
   */
  async authenticate(token: string, clientIp?: string): Promise<Registrant> {
    const tokenDigest = digest(token);
    const found = this.usable.get(tokenDigest) ?? (await this.findUsable(tokenDigest));
    if (!found) throw invalidToken('the initial access token is not valid');
    return {
      kind: 'initial_access_token',
      tokenId: found.id,
      rules: initialAccessTokenRuleSet(found.policy),
      clientIp,
    };
  }

  private async findUsable(tokenDigest: Buffer): Promise<DcrInitialAccessTokenEntity | null> {
    const found = await this.tokens.findUsableByDigest(tokenDigest);
    if (found) this.usable.remember(found);
    return found;
  }
}

/**
 * The registrant a stored client was registered as: the rules of its updates (RFC 7592 §2.2) are
 * those of its registration. A token revoked or expired since still lends its bound rules.
 */
export async function registrantOfClient(
  tokens: InitialAccessTokenRepository,
  initialAccessTokenId: string | null,
): Promise<Registrant> {
  const token = initialAccessTokenId === null ? null : await tokens.findById(initialAccessTokenId);
  return token
    ? {
        kind: 'initial_access_token',
        tokenId: token.id,
        rules: initialAccessTokenRuleSet(token.policy),
      }
    : { kind: 'anonymous' };
}

function unknownToken(): OAuthError {
  return new OAuthError('invalid_request', 'no initial access token has this id', 404);
}
