import { UserError } from '../errors.ts';
import type { Scenario } from './schema.ts';

export interface ScenarioFlags {
  cap?: string;
  rule?: string;
  multiplier?: string;
  disable?: string;
}

const HINT = 'Give one of: --cap N [--rule R], --multiplier R=X, --disable R.';

/** The CLI's scenario flags (cli.md: `--cap N [--rule R] | --multiplier R=X | --disable R`) as one Scenario. */
export function parseScenario(flags: ScenarioFlags): Scenario {
  const given = (['cap', 'multiplier', 'disable'] as const).filter((k) => flags[k] !== undefined);
  if (given.length !== 1) {
    throw new UserError(
      'bad_usage',
      given.length
        ? `--${given.join(' and --')} cannot be combined: a simulation changes one thing`
        : 'no scenario given',
      { hint: HINT },
    );
  }
  if (flags.rule !== undefined && given[0] !== 'cap')
    throw new UserError('bad_usage', '--rule goes with --cap', {
      hint: '--multiplier and --disable name their rule: --multiplier R02=1.5, --disable R02.',
    });
  if (flags.cap !== undefined) {
    const cap = Number(flags.cap);
    if (flags.cap.trim() === '' || !Number.isFinite(cap) || cap < 0)
      throw new UserError('bad_usage', `--cap "${flags.cap}" is not a number of points ≥ 0`, {
        hint: 'e.g. --cap 200',
      });
    return { kind: 'cap', cap, rule: flags.rule ?? null };
  }
  if (flags.multiplier !== undefined) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(flags.multiplier);
    const x = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(x) || x < 0)
      throw new UserError('bad_usage', `--multiplier "${flags.multiplier}" is not RULE=FACTOR with a factor ≥ 0`, {
        hint: 'e.g. --multiplier R02=1.5',
      });
    return { kind: 'multiplier', rule: m[1]!, multiplier: x };
  }
  const rule = flags.disable!.trim();
  if (!rule) throw new UserError('bad_usage', '--disable needs a rule id', { hint: 'e.g. --disable R02' });
  return { kind: 'disable', rule };
}
