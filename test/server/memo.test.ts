import { describe, expect, it } from 'vitest';
import { clientSignal, runWithSignal } from '../../src/server/cancel.ts';
import { memo } from '../../src/server/memo.ts';

/** Work that ends only when told to, or fails as soon as the signal it runs under fires (as a cancelled query does). */
function work() {
  let finish: (v: string) => void = () => {};
  let started = 0;
  const make = () => {
    started++;
    const signal = clientSignal();
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      signal?.addEventListener('abort', () => reject(new Error('cancelled')), { once: true });
    });
  };
  return { make, finish: (v: string) => finish(v), started: () => started };
}

describe('server memo: shared work cancelled only when all its waiters have gone', () => {
  it('keeps the work for a waiter who stays when another leaves', async () => {
    const m = memo(10);
    const w = work();
    const a = new AbortController();
    const b = new AbortController();
    const first = runWithSignal(a.signal, () => m.get('k', w.make));
    const second = runWithSignal(b.signal, () => m.get('k', w.make));
    first.catch(() => {});
    a.abort();
    w.finish('done');
    await expect(second).resolves.toBe('done');
    expect(w.started()).toBe(1);
  });

  it('starts the work again for a request that comes after every earlier waiter left (it never joins cancelled work)', async () => {
    const m = memo(10);
    const w = work();
    const a = new AbortController();
    const first = runWithSignal(a.signal, () => m.get('k', w.make));
    first.catch(() => {});
    // The only waiter leaves (a page navigated away); the work is being cancelled but has not failed yet.
    a.abort();
    const next = runWithSignal(new AbortController().signal, () => m.get('k', w.make));
    await expect(first).rejects.toThrow('cancelled');
    w.finish('fresh');
    await expect(next).resolves.toBe('fresh');
    expect(w.started()).toBe(2);
  });
});

describe('server memo: has', () => {
  it('holds a key from its first ask until the work is cancelled or fails, and after it resolved', async () => {
    const m = memo(10);
    const w = work();
    expect(m.has('k')).toBe(false);
    const a = new AbortController();
    const first = runWithSignal(a.signal, () => m.get('k', w.make));
    first.catch(() => {});
    expect(m.has('k')).toBe(true);
    a.abort();
    // Every waiter left: the work is being cancelled, so a report must compute it itself rather than join it.
    expect(m.has('k')).toBe(false);
    const again = work();
    const second = m.get('k', again.make);
    again.finish('done');
    await expect(second).resolves.toBe('done');
    expect(m.has('k')).toBe(true);
  });
});
