import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { taskQueue } from '../../src/report/task-queue.ts';

/** The reads two connections of one report share: each read runs once, and a failure stops the others taking more. */
describe('taskQueue', () => {
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    a = await Database.open(':memory:');
    b = await a.fork({ bare: true });
  });
  afterAll(() => {
    b?.close();
    a?.close();
  });

  it('runs every read once, on whichever connection drains first, and gives each answer under its name', async () => {
    const ran: string[] = [];
    const read = (name: string, value: number) => async (on: Database) => {
      ran.push(`${name}@${on === a ? 'a' : 'b'}`);
      return value;
    };
    const q = taskQueue({ one: read('one', 1), two: read('two', 2), three: read('three', 3) });
    await Promise.all([q.drain(a), q.drain(b)]);
    expect(q.results()).toEqual({ one: 1, two: 2, three: 3 });
    expect(ran.map((r) => r.split('@')[0]).sort()).toEqual(['one', 'three', 'two']);
    // Both connections took work: the second drain started while the first awaited its read.
    expect(new Set(ran.map((r) => r.split('@')[1]))).toEqual(new Set(['a', 'b']));
  });

  it('after a failed read no connection takes another, both drains and the results reject with that failure', async () => {
    const ran: string[] = [];
    const q = taskQueue({
      bad: async () => {
        ran.push('bad');
        throw new Error('no such attribute');
      },
      later: async () => {
        ran.push('later');
        return 1;
      },
      last: async () => {
        ran.push('last');
        return 2;
      },
    });
    await expect(q.drain(a)).rejects.toThrow('no such attribute');
    await expect(q.drain(b)).rejects.toThrow('no such attribute');
    expect(() => q.results()).toThrow('no such attribute');
    expect(ran).toEqual(['bad']);
  });

  it('refuses to give results while reads are still untaken', () => {
    const q = taskQueue({ one: async () => 1 });
    expect(() => q.results()).toThrow('before every read was taken');
  });
});
