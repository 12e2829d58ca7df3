// Worker entry of the bootstrap thread (bootstrap-thread.ts): a bootstrap's values arrive once, then parts of its
// resamples, each answered with the Ginis of its resamples; `end` forgets the values.
import { parentPort } from 'node:worker_threads';
import { type BootstrapOptions, GiniResamples } from './bootstrap.ts';

type Message =
  | { type: 'values'; id: number; values: Float64Array; opts: BootstrapOptions }
  | { type: 'part'; id: number; from: number; to: number }
  | { type: 'end'; id: number };

const held = new Map<number, GiniResamples>();

parentPort?.on('message', (m: Message) => {
  if (m.type === 'values') held.set(m.id, new GiniResamples(m.values, m.opts));
  else if (m.type === 'end') held.delete(m.id);
  else {
    const resamples = held.get(m.id) as GiniResamples;
    const ginis: number[] = [];
    resamples.draw(resamples.streamAt(m.from), m.to - m.from, ginis);
    const out = Float64Array.from(ginis);
    parentPort?.postMessage({ id: m.id, from: m.from, ginis: out }, [out.buffer]);
  }
});
