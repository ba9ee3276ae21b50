import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One rate-limit counter, one row of `dcr_rate_limit`: the registrations counted under one key in
 * the current fixed window, shared by every app instance on the database. The table is `UNLOGGED`
 * (see its migration): counters are worth less than the write-ahead log they would cost.
 */
@Entity({ name: 'dcr_rate_limit' })
export class DcrRateLimitEntity {
  /**
   * The counter's key: a SHA-256 digest (hex) of the limit's name and what it counts (a client
   * address, a redirect host, a `software_id`), so no address is stored.
   */
  @PrimaryColumn({ type: 'text' })
  key!: string;

  /** Requests counted in the current window (requests refused while blocked are not counted). */
  @Column({ type: 'integer' })
  hits!: number;

  /** When the current window ends; the next request after it starts a new one. */
  @Column({ name: 'window_ends_at', type: 'timestamptz' })
  windowEndsAt!: Date;

  /** Until when requests under this key are refused; `null` while they are not. */
  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;
}
