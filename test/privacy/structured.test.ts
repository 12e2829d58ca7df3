import { describe, expect, it } from 'vitest';
import { explain } from '../../src/i18n/audit-reasons-en.ts';
import { pseudonymizeDeep, pseudonymizer } from '../../src/privacy/pseudonymize.ts';

/** Issue 14 item 9: ids are replaced where the structure says an id is, never found by searching text. */
const KEY = 'structured-test-key-0123456789';

const flag = (
  reason_key: string,
  reason_vars: Record<string, string | number>,
  account_id: string | null,
  accounts: string[],
) => ({
  check: reason_key,
  account_id,
  accounts,
  reason_key,
  reason_vars,
  explanation: explain(reason_key, reason_vars),
  event_ids: ['2500'],
  value: 2500,
});

describe('pseudonymizeDeep with numeric account ids', () => {
  const p = pseudonymizer(KEY);
  it('leaves numbers in explanations alone: "the largest ordinary award of 2500" stays when account 2500 is pseudonymised', () => {
    const f = flag(
      'account_spike',
      {
        account: '2500',
        value: 9000,
        day: '2026-01-05',
        ratio: 3.6,
        award: 2500,
        top_awards: 2,
        own_median: 100,
        peer_median: 120,
        score: 5,
        threshold: 3.5,
      },
      '2500',
      ['2500'],
    );
    const out = pseudonymizeDeep(f, p);
    expect(out.account_id).toBe(p('2500'));
    expect(out.reason_vars.account).toBe(p('2500'));
    expect(out.reason_vars.award).toBe(2500);
    expect(out.explanation).toBe(
      `${p('2500')} earned 9000 points on 2026-01-05, 3.6× the ledger's largest ordinary award of 2500 (the points of 2 or more such awards); own history median 100, peers median 120 (modified z 5 > 3.5)`,
    );
    expect(out.event_ids).toEqual(['2500']); // an event id that looks like an account id is not an account id
    expect(out.value).toBe(2500);
  });

  it('replaces the ids of a ring cycle by position, and of every reason that names a person', () => {
    const ring = pseudonymizeDeep(
      flag('ring', { members: 3, cycle: '11 → 12 → 13 → 11', transfers: 9, points: 300, share: '50 %' }, null, [
        '11',
        '12',
        '13',
      ]),
      p,
    );
    expect(ring.reason_vars.cycle).toBe([p('11'), p('12'), p('13'), p('11')].join(' → '));
    expect(ring.explanation).toContain(`(${[p('11'), p('12'), p('13'), p('11')].join(' → ')})`);
    expect(ring.explanation).toMatch(/^3 accounts pass points round a cycle .*: 9 transfers, 300 points; 50 % of what/);
    const conc = pseudonymizeDeep(
      flag('concentration', { giver: '7', share: '80 %', total: 7, role: 'transferred', receiver: '9' }, '7', [
        '7',
        '9',
      ]),
      p,
    );
    expect(conc.explanation).toBe(`${p('7')} gave 80 % of their 7 points (transferred) to ${p('9')}`);
    const pair = pseudonymizeDeep(
      flag('reciprocal_pair', { account: '1', other: '2', round_trips: 2, days: 1 }, '1', ['1', '2']),
      p,
    );
    expect(pair.explanation).toBe(`${p('1')} and ${p('2')} sent points back and forth 2 times within 1 days`);
    const benford = pseudonymizeDeep(
      flag(
        'benford_approver',
        {
          digits: '1',
          field: 'adjust',
          approver: '5',
          value: 0.02,
          threshold: 0.015,
          conformity: 'nonconformity',
          n: 5,
        },
        '5',
        ['5'],
      ),
      p,
    );
    expect(benford.explanation).toBe(
      `The first 1 digits of adjust amounts approved by ${p('5')} do not follow Benford's law: MAD 0.02 ≥ 0.015 (nonconformity, n = 5)`,
    );
  });

  it('does not rewrite free text that happens to contain an id', () => {
    const out = pseudonymizeDeep({ account_id: '42', reason: 'bonus for 42 days of service', notes: ['42 rows'] }, p);
    expect(out).toEqual({ account_id: p('42'), reason: 'bonus for 42 days of service', notes: ['42 rows'] });
  });
});
