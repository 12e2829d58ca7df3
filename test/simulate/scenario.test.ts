import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/simulate/scenario.ts';

describe('parseScenario (the CLI flags)', () => {
  it('reads each of the three scenarios', () => {
    expect(parseScenario({ cap: '200' })).toEqual({ kind: 'cap', cap: 200, rule: null });
    expect(parseScenario({ cap: '200', rule: 'R02' })).toEqual({ kind: 'cap', cap: 200, rule: 'R02' });
    expect(parseScenario({ multiplier: 'R02=1.5' })).toEqual({ kind: 'multiplier', rule: 'R02', multiplier: 1.5 });
    expect(parseScenario({ disable: 'R02' })).toEqual({ kind: 'disable', rule: 'R02' });
  });

  it.each([
    [{}, /no scenario/],
    [{ cap: '200', disable: 'R02' }, /cannot be combined/],
    [{ cap: 'lots' }, /--cap "lots"/],
    [{ cap: '-5' }, /--cap "-5"/],
    [{ multiplier: 'R02' }, /RULE=FACTOR/],
    [{ multiplier: 'R02=x' }, /RULE=FACTOR/],
    [{ disable: 'R02', rule: 'R01' }, /--rule goes with --cap/],
  ])('%j is a usage error (exit 2)', (flags, message) => {
    expect(() => parseScenario(flags)).toThrow(message);
    try {
      parseScenario(flags);
    } catch (e) {
      expect((e as { exitCode: number }).exitCode).toBe(2);
    }
  });
});
