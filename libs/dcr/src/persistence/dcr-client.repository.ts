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

  /** Inserts a new client in one statement, so a failed request leaves no row behind. */
  async insert(client: DcrClientEntity): Promise<void> {
    // The cast only quiets TypeORM's deep-partial typing of the jsonb column (`unknown[]` in `jwks`).
    await this.clients.insert(client as QueryDeepPartialEntity<DcrClientEntity>);
  }
}
