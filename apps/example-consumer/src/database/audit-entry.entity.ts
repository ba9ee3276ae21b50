import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the app's own audit log, in `consumer_audit_entry`: the app's entity, next to the
 * module's `DcrClientEntity` in the same data source. Never holds a credential.
 */
@Entity({ name: 'consumer_audit_entry' })
export class AuditEntry {
  /** `bigint` arrives from node-postgres as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** What happened, e.g. `client_authenticated`. */
  @Column({ type: 'text' })
  event!: string;

  @Column({ name: 'client_id', type: 'text' })
  clientId!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
