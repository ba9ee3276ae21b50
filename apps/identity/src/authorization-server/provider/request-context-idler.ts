import { AsyncLocalStorage } from 'node:async_hooks';

/** How long after the last authorization-server request the request-context storage turns off. */
export const CONTEXT_IDLE_MS = 2000;

/** What {@link RequestContextIdler} needs of an `AsyncLocalStorage`. */
export interface SwitchableStorage {
  disable(): void;
}

/**
 * node-oidc-provider keeps the context of each of its requests in an `AsyncLocalStorage`
 * (`Provider.ctx`). On Node.js before 24, the storage's first `run()` turns on async_hooks' promise
 * tracking for the whole process, and it stays on: from the first authorization-server request on,
 * every promise of every request, registrations and reads included, pays an init hook (measured on
 * Node 20 with `npm run bench`'s loads: 15–25 % more CPU per registration request). This turns the
 * storage off again (`disable()`, which turns the tracking off with it) once no authorization-server
 * request has been in flight for {@link CONTEXT_IDLE_MS}; the storage's next `run()`, at the next
 * such request, turns it on again. A request's context is never taken away while it is in flight:
 * {@link track} counts them.
 *
 * On Node.js 24 and later (AsyncContextFrame) the storage costs nothing while unused, and this does
 * nothing.
 */
export class RequestContextIdler {
  private inFlight = 0;
  private lastEnd = 0;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly storage: SwitchableStorage | undefined,
    private readonly idleMs = CONTEXT_IDLE_MS,
    private readonly now: () => number = Date.now,
  ) {
    if (storage) {
      this.timer = setInterval(() => this.check(), idleMs);
      this.timer.unref();
    }
  }

  /** Counts `request` (an authorization-server request being handled) in flight until it settles. */
  track(request: Promise<unknown>): void {
    if (!this.storage) return;
    this.inFlight += 1;
    const ended = (): void => {
      this.inFlight -= 1;
      this.lastEnd = this.now();
    };
    // Both ways: a rejection is the handler's to report, not this counter's.
    request.then(ended, ended);
  }

  /** Turns the storage off if no request is in flight and the last one ended long enough ago. */
  check(): void {
    if (this.storage && this.inFlight === 0 && this.now() - this.lastEnd >= this.idleMs) {
      this.storage.disable();
    }
  }

  /** Stops the periodic check. */
  close(): void {
    clearInterval(this.timer);
  }
}

/**
 * node-oidc-provider's request-context storage, where {@link RequestContextIdler} can help: on
 * Node.js before 24 without AsyncContextFrame. `undefined` elsewhere, or if this version of
 * oidc-provider keeps it elsewhere (the module is not part of its documented interface, so it is
 * looked up, checked, and left alone when it is not what is expected).
 */
export async function providerContextStorage(): Promise<SwitchableStorage | undefined> {
  const major = Number(process.versions.node.split('.')[0]);
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (major >= 24 || flags.includes('--experimental-async-context-frame')) return undefined;
  const specifier = 'oidc-provider/lib/helpers/als.js';
  try {
    const module = (await import(specifier)) as { default?: unknown };
    return module.default instanceof AsyncLocalStorage ? module.default : undefined;
  } catch {
    return undefined;
  }
}
