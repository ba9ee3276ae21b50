import { errors, type Adapter, type AdapterFactory, type AdapterPayload } from 'oidc-provider';
import type { OidcModelRepository } from './oidc-model.repository.js';
import { digestOf, fromStoredModel, storedId, toStoredModel } from './stored-model.js';

/** Where oidc-provider's `Client` model reads clients from: `libs/dcr`'s client table. */
export interface ClientMetadataSource {
  /** The client's oidc-provider metadata; `undefined` for an unknown or deleted client. */
  find(clientId: string): Promise<AdapterPayload | undefined>;
}

/**
 * The adapter of every stored model (codes, tokens, grants, sessions, interactions, replay
 * detection) over `identity_oidc_model`.
 */
class StoredModelAdapter implements Adapter {
  constructor(
    private readonly kind: string,
    private readonly models: OidcModelRepository,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    await this.models.upsert(toStoredModel(this.kind, id, payload, expiresIn, new Date()));
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const row = await this.models.find(this.kind, storedId(this.kind, id));
    return row ? fromStoredModel(row, id) : undefined;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const row = await this.models.findBy(this.kind, 'uid', uid);
    return row ? fromStoredModel(row) : undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const row = await this.models.findBy(this.kind, 'userCode', digestOf(userCode));
    return row ? fromStoredModel(row) : undefined;
  }

  /**
   * Claims a single-use model (an authorization code, a refresh token being rotated) with one
   * conditional UPDATE. oidc-provider checks `consumed` before it calls this, but two requests
   * presenting the same code at once both pass that check: the database decides, and the loser
   * gets `invalid_grant`. Like a replay, that loses the whole grant: RFC 6749 §4.1.2 (a code used
   * twice should revoke the tokens issued with it) and RFC 9700 §4.14.2 (refresh token reuse).
   */
  async consume(id: string): Promise<void> {
    const key = storedId(this.kind, id);
    if (await this.models.consume(this.kind, key, new Date())) return;
    const row = await this.models.find(this.kind, key);
    if (row?.grantId) await this.models.deleteGrant(row.grantId);
    throw new errors.InvalidGrant(
      `${this.kind === 'RefreshToken' ? 'refresh token' : 'grant'} already used`,
    );
  }

  async destroy(id: string): Promise<void> {
    await this.models.destroy(this.kind, storedId(this.kind, id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.models.deleteByGrantId(this.kind, grantId);
  }
}

/**
 * The adapter of oidc-provider's `Client` model: clients are `libs/dcr`'s registrations, read at
 * every look-up (oidc-provider caches a client object only under the hash of its metadata, so an
 * RFC 7592 update or a deletion is seen by the next request, on every instance). Registration is
 * `libs/dcr`'s job: oidc-provider's own (`features.registration`) is off, so it never writes.
 */
class ClientAdapter implements Adapter {
  constructor(private readonly clients: ClientMetadataSource) {}

  find(id: string): Promise<AdapterPayload | undefined> {
    return this.clients.find(id);
  }

  upsert(): Promise<void> {
    return refused();
  }

  findByUid(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  findByUserCode(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  consume(): Promise<void> {
    return refused();
  }

  destroy(): Promise<void> {
    return refused();
  }

  revokeByGrantId(): Promise<void> {
    return refused();
  }
}

function refused(): Promise<never> {
  return Promise.reject(new Error('clients are registered and changed through libs/dcr only'));
}

/** node-oidc-provider's `adapter` option: one adapter per model name. */
export function createAdapterFactory(
  models: OidcModelRepository,
  clients: ClientMetadataSource,
): AdapterFactory {
  return (name) =>
    name === 'Client' ? new ClientAdapter(clients) : new StoredModelAdapter(name, models);
}
