import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from '@jest/globals';
import { Provider } from 'oidc-provider';
import { providerContextStorage, RequestContextIdler } from './request-context-idler.js';

/** A request handled in `storage`'s context that reads its context after `release()`. */
function pendingRequest(storage: AsyncLocalStorage<object>, context: object) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const seen = storage.run(context, async () => {
    await gate;
    return storage.getStore();
  });
  return { seen, release };
}

describe('RequestContextIdler', () => {
  it('turns the storage off once no request has been in flight for the idle time, never before', async () => {
    const storage = new AsyncLocalStorage<object>();
    let now = 0;
    let disabled = 0;
    const idler = new RequestContextIdler(
      {
        disable: () => {
          disabled += 1;
          storage.disable();
        },
      },
      1000,
      () => now,
    );
    try {
      const tracked = pendingRequest(storage, { request: 1 });
      idler.track(tracked.seen);
      now = 5000;
      idler.check();
      expect(disabled).toBe(0);
      tracked.release();
      expect(await tracked.seen).toEqual({ request: 1 });

      // Ended at 5000: not yet idle long enough at 5500.
      now = 5500;
      idler.check();
      expect(disabled).toBe(0);

      // Work the idler does not know of loses its context when the storage turns off: why every
      // request is tracked.
      const untracked = pendingRequest(storage, { request: 2 });
      now = 6000;
      idler.check();
      expect(disabled).toBe(1);
      untracked.release();
      expect(await untracked.seen).toBeUndefined();

      // The next request's run() turns the storage on again.
      const next = pendingRequest(storage, { request: 3 });
      idler.track(next.seen);
      next.release();
      expect(await next.seen).toEqual({ request: 3 });
    } finally {
      idler.close();
    }
  });

  it('counts a request that fails as ended', async () => {
    let now = 0;
    let disabled = 0;
    const idler = new RequestContextIdler({ disable: () => (disabled += 1) }, 1000, () => now);
    try {
      const failing = Promise.reject(new Error('handler failed'));
      idler.track(failing);
      await failing.catch(() => undefined);
      now = 1000;
      idler.check();
      expect(disabled).toBe(1);
    } finally {
      idler.close();
    }
  });

  it('does nothing without a storage', () => {
    const idler = new RequestContextIdler(undefined);
    idler.track(Promise.resolve());
    idler.check();
    idler.close();
  });
});

describe('providerContextStorage', () => {
  it("is oidc-provider's own request-context storage on Node.js before 24, and nothing after", async () => {
    const storage = await providerContextStorage();
    if (Number(process.versions.node.split('.')[0]) >= 24) {
      expect(storage).toBeUndefined();
      return;
    }
    expect(storage).toBeInstanceOf(AsyncLocalStorage);
    const context = { marker: true };
    expect((storage as AsyncLocalStorage<object>).run(context, () => Provider.ctx)).toBe(context);
  });
});
