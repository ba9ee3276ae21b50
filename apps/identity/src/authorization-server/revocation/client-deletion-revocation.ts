import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DcrEvents } from '@agent-runtimes/dcr';
import { ConsentService } from '../consent/consent.service.js';
import { OidcModelRepository } from '../persistence/oidc-model.repository.js';

/**
 * RFC 7592 §2.3: once a client is deleted (by itself, or by an operator), its grants, codes and
 * refresh tokens go too, at once, and so do the consents people gave it. (Even before this runs, and on every other instance, nothing of
 * the client works any more: every token request looks the client up, and it is gone.)
 */
@Injectable()
export class ClientDeletionRevocation implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ClientDeletionRevocation');
  private unsubscribe: (() => void) | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly events: DcrEvents,
    private readonly models: OidcModelRepository,
    private readonly consents: ConsentService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.subscribe((event) => {
      if (event.type === 'client.deleted') this.revoke(event.clientId);
    });
  }

  /** Waits for revocations in flight, so that closing the app does not cut one off. */
  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await Promise.allSettled(this.pending);
  }

  private revoke(clientId: string): void {
    const work = Promise.all([
      this.models.deleteByClientId(clientId),
      this.consents.forgetClient(clientId),
    ]).then(
      () => undefined,
      (error: unknown) => {
        this.logger.error(`Revoking the grants of a deleted client failed: ${String(error)}`);
      },
    );
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }
}
