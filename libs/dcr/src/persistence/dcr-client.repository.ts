import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { QueryDeepPartialEntity, Repository } from 'typeorm';
import { DcrClientEntity } from './dcr-client.entity.js';

/** SQL access to registered clients, and nothing else: no protocol rules live here. */
@Injectable()
export class DcrClientRepository {
  constructor(
    @InjectRepository(DcrClientEntity) private readonly clients: Repository<DcrClientEntity>,
  ) {}

  /**
   * Runs `work` in one transaction, with a repository bound to it: everything it writes is
   * committed together, or nothing is if it throws.
   */
  transaction<T>(work: (clients: DcrClientRepository) => Promise<T>): Promise<T> {
    return this.clients.manager.transaction((manager) =>
      work(new DcrClientRepository(manager.getRepository(DcrClientEntity))),
    );
  }

  /** Inserts a new client in one statement, so a failed request leaves no row behind. */
  async insert(client: DcrClientEntity): Promise<void> {
    await this.clients.insert(asRow(client));
  }

  async findById(clientId: string): Promise<DcrClientEntity | null> {
    return this.clients.findOneBy({ clientId });
  }

  /**
   * Reads a client and locks its row until the transaction ends (`SELECT ... FOR UPDATE`), so that
   * concurrent updates of one client apply one after the other. Use inside `transaction`.
   */
  async findByIdForUpdate(clientId: string): Promise<DcrClientEntity | null> {
    return this.clients.findOne({ where: { clientId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Writes every column of an existing client. Returns whether the row still existed. */
  async update(client: DcrClientEntity): Promise<boolean> {
    const { clientId, ...columns } = client;
    const result = await this.clients.update({ clientId }, asRow(columns));
    return result.affected === 1;
  }

  /** Deletes a client. Returns whether it existed. */
  async delete(clientId: string): Promise<boolean> {
    const result = await this.clients.delete({ clientId });
    return result.affected === 1;
  }

  /**
   * Records that the client authenticated at `at`, unless it was already recorded less than
   * `resolutionSeconds` earlier: the busiest clients then cost one write a minute, not one per
   * token request.
   */
  async recordAuthentication(clientId: string, at: Date, resolutionSeconds: number): Promise<void> {
    await this.clients
      .createQueryBuilder()
      .update()
      .set({ lastAuthenticatedAt: at })
      .where('client_id = :clientId', { clientId })
      .andWhere('(last_authenticated_at IS NULL OR last_authenticated_at < :threshold)', {
        threshold: new Date(at.getTime() - resolutionSeconds * 1000),
      })
      .execute();
  }
}

// TypeORM's deep-partial typing of the jsonb column rejects `unknown[]` (in `jwks`); the values are
// plain JSON, so the cast is safe.
function asRow<T>(value: T): QueryDeepPartialEntity<DcrClientEntity> {
  return value as QueryDeepPartialEntity<DcrClientEntity>;
}
