import { Injectable, Logger } from '@nestjs/common';

/** What happened to a client. */
export type DcrEventType =
  | 'client.registered'
  | 'client.updated'
  | 'client.deleted'
  /** The client authenticated at the token endpoint; `details.method` says how. */
  | 'client.authenticated'
  /** An operator approved a client that was registered under an approval rule. */
  | 'client.approved'
  /**
   * A registration access token that a rotation replaced was presented after its successor was
   * used (RFC 9700 §4.14.2): someone other than the client holds it. `details.revoked` says
   * whether the client's registration access tokens were revoked.
   */
  | 'client.registration_token_reused'
  /**
   * The client reaper deleted the client (actor `operator`: the configured `clientReaper` rules).
   * `details.reason` is `never_used` (it never authenticated) or `idle` (not for too long).
   */
  | 'client.reaped';

/**
 * Identifiers and flags that qualify an event; never credentials or metadata values. A
 * `client.registered` event carries `initial_access_token_id` (the token's id, never its value)
 * when a token registered the client, `software_statement_issuer` when a statement came with it,
 * and `approval_status: "pending"` when it waits for an operator's approval.
 */
export type DcrEventDetails = Readonly<Record<string, string | number | boolean>>;

/**
 * A change to a registered client, for host apps to audit, meter or react to. Events carry
 * identifiers and timestamps only, never credentials or metadata values.
 */
export interface DcrEvent {
  readonly type: DcrEventType;
  readonly clientId: string;
  readonly at: Date;
  /** Who acted: the client itself (RFC 7591/7592, token endpoint) or an operator (admin API). */
  readonly actor: 'client' | 'operator';
  /** What else the event type defines (see {@link DcrEventType}); empty for most events. */
  readonly details: DcrEventDetails;
}

export type DcrEventListener = (event: DcrEvent) => void;

/**
 * The module's events, published after the change is committed.
 *
 * ```ts
 * constructor(events: DcrEvents) {
 *   events.subscribe((event) => audit.log(event.type, event.clientId));
 * }
 * ```
 *
 * Listeners run synchronously, in subscription order; one that throws is logged and the others
 * and the request carry on.
 */
@Injectable()
export class DcrEvents {
  private readonly logger = new Logger('DcrEvents');
  private readonly listeners = new Set<DcrEventListener>();

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: DcrEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(
    type: DcrEventType,
    clientId: string,
    actor: DcrEvent['actor'] = 'client',
    details: DcrEventDetails = {},
  ): void {
    if (this.listeners.size === 0) return;
    const event: DcrEvent = Object.freeze({
      type,
      clientId,
      at: new Date(),
      actor,
      details: Object.freeze({ ...details }),
    });
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error(`A DcrEvents listener failed on ${type}: ${String(error)}`);
      }
    }
  }
}
