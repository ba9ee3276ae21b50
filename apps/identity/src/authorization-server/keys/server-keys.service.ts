import { Inject, Injectable } from '@nestjs/common';
import type { JWK } from 'jose';
import { decryptKeyMaterial, encryptKeyMaterial } from './key-encryption.js';
import type { KeyEncryptionKey } from './key-encryption-key.js';
import {
  SIGNING_ALGORITHMS,
  generateCookieKey,
  generateSigningKey,
  type SigningAlgorithm,
} from './key-generation.js';
import type { IdentityKeyEntity } from './identity-key.entity.js';
import { IdentityKeyRepository } from './identity-key.repository.js';

/** Injection token of the {@link KeyEncryptionKey}. */
export const KEY_ENCRYPTION_KEY = Symbol('KEY_ENCRYPTION_KEY');
/** Injection token of how long a replaced signing key stays published, in seconds. */
export const SIGNING_KEY_OVERLAP_SECONDS = Symbol('SIGNING_KEY_OVERLAP_SECONDS');

/** The keys the authorization server runs with, decrypted. */
export interface ServerKeySet {
  /**
   * Private signing JWKs: the active key of each algorithm first (node-oidc-provider signs with
   * the first key of an algorithm), then the retired ones, still published until they expire.
   */
  readonly signingKeys: readonly JWK[];
  /** Cookie-signing keys, newest first (Keygrip signs with the first, verifies with all). */
  readonly cookieKeys: readonly Buffer[];
  /** Changes whenever a key is created, retired or removed. */
  readonly version: string;
}

/** What a rotation did. */
export interface SigningKeyRotation {
  /** The new active signing keys. */
  readonly activated: readonly { kid: string; alg: string }[];
  /** The replaced keys, published (verifying only) until `expiresAt`. */
  readonly retired: readonly string[];
  readonly retiredKeysExpireAt: Date;
}

/**
 * The authorization server's keys: created with jose at first start (one signing key per
 * algorithm of `SIGNING_ALGORITHMS`, one cookie key), stored with their private parts encrypted,
 * rotated on an operator's request with an overlap window, and shared by every instance through
 * the database.
 */
@Injectable()
export class ServerKeys {
  constructor(
    private readonly keys: IdentityKeyRepository,
    @Inject(KEY_ENCRYPTION_KEY) private readonly kek: KeyEncryptionKey,
    @Inject(SIGNING_KEY_OVERLAP_SECONDS) private readonly overlapSeconds: number,
  ) {}

  /** The current keys, creating the missing ones (under a lock, so instances agree). */
  async load(): Promise<ServerKeySet> {
    const live = await this.keys.changeKeys(async (keys) => {
      const now = new Date();
      const current = await keys.findLive(now);
      const missing = SIGNING_ALGORITHMS.filter(
        (alg) => !current.some((key) => isActive(key) && key.alg === alg),
      );
      for (const alg of missing) await keys.insert(await this.newSigningKey(alg, now));
      if (!current.some((key) => isActive(key) && key.use === 'cookie')) {
        await keys.insert(this.newCookieKey(now));
      }
      return missing.length > 0 || current.length === 0 ? keys.findLive(now) : current;
    });
    return this.decrypt(live);
  }

  /** A cheap look at whether the keys changed since {@link load} returned `version`. */
  async version(): Promise<string> {
    return versionOf(await this.keys.findLive(new Date()));
  }

  /**
   * Replaces every active signing key with a new one. The replaced keys stay in the JWKS for the
   * overlap window, so tokens they signed keep verifying until they expire.
   */
  async rotate(): Promise<SigningKeyRotation> {
    return this.keys.changeKeys(async (keys) => {
      const now = new Date();
      const expiresAt = new Date(now.getTime() + this.overlapSeconds * 1000);
      const retired = await keys.retireActive('sig', now, expiresAt);
      const activated: { kid: string; alg: string }[] = [];
      for (const alg of SIGNING_ALGORITHMS) {
        const key = await this.newSigningKey(alg, now);
        await keys.insert(key);
        activated.push({ kid: key.kid, alg });
      }
      return { activated, retired, retiredKeysExpireAt: expiresAt };
    });
  }

  /** Deletes the keys whose overlap window has ended. */
  deleteExpired(): Promise<number> {
    return this.keys.deleteExpired(new Date());
  }

  private async newSigningKey(alg: SigningAlgorithm, now: Date): Promise<IdentityKeyEntity> {
    const key = await generateSigningKey(alg);
    const plaintext = Buffer.from(JSON.stringify(key.privateJwk), 'utf8');
    return {
      kid: key.kid,
      use: 'sig',
      alg,
      publicJwk: key.publicJwk,
      encryptedPrivateKey: encryptKeyMaterial(this.kek.key, plaintext, key.kid),
      createdAt: now,
      retiredAt: null,
      expiresAt: null,
    };
  }

  private newCookieKey(now: Date): IdentityKeyEntity {
    const { kid, secret } = generateCookieKey();
    return {
      kid,
      use: 'cookie',
      alg: null,
      publicJwk: null,
      encryptedPrivateKey: encryptKeyMaterial(this.kek.key, secret, kid),
      createdAt: now,
      retiredAt: null,
      expiresAt: null,
    };
  }

  private decrypt(live: readonly IdentityKeyEntity[]): ServerKeySet {
    // Active keys before retired ones; within each, newest first (the order findLive returns).
    const ordered = [...live.filter(isActive), ...live.filter((key) => !isActive(key))];
    const plain = (key: IdentityKeyEntity) =>
      decryptKeyMaterial(this.kek.key, key.encryptedPrivateKey, key.kid);
    return {
      signingKeys: ordered
        .filter((key) => key.use === 'sig')
        .map((key) => JSON.parse(plain(key).toString('utf8')) as JWK),
      cookieKeys: ordered.filter((key) => key.use === 'cookie').map(plain),
      version: versionOf(live),
    };
  }
}

function isActive(key: IdentityKeyEntity): boolean {
  return key.retiredAt === null;
}

function versionOf(live: readonly IdentityKeyEntity[]): string {
  return live
    .map((key) => `${key.kid}:${isActive(key) ? 'active' : 'retired'}`)
    .sort()
    .join(',');
}
