import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditEntry } from './audit-entry.entity.js';

/** SQL access to the app's audit log, and nothing else. */
@Injectable()
export class AuditLog {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  async record(event: string, clientId: string, occurredAt: Date): Promise<void> {
    await this.entries.insert({ event, clientId, occurredAt });
  }
}
