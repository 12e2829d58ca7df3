import { describe, expect, it } from 'vitest';
import { parseSplit } from '../../src/cli/ab.ts';

describe('--split', () => {
  it('reads VARIANT=WEIGHT pairs on any scale', () => {
    expect(parseSplit('A=0.5,B=0.5')).toEqual({ A: 0.5, B: 0.5 });
    expect(parseSplit(' control = 3 , test=1 ')).toEqual({ control: 3, test: 1 });
  });

  it.each(['A', 'A=x', 'A=-1', 'A=1,A=2', 'A=0,B=0', ''])('"%s" is a usage error (exit 2)', (text) => {
    expect(() => parseSplit(text)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});
