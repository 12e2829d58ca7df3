/**
 * English templates of the audit's flag explanations, by `reason_key`; `{name}` is replaced by reason_vars.name.
 * The Chinese ones are audit-reasons.ts; a test checks both have every key. Here, not in audit/, because a flag's
 * text is rendered again wherever its variables change (privacy/ re-renders it from pseudonymised ones).
 */
export const REASONS: Record<string, string> = {
  account_spike:
    "{account} earned {value} points on {day}, {ratio}× the ledger's largest ordinary award of {award} (the points of {top_awards} or more such awards); own history median {own_median}, peers median {peer_median} (modified z {score} > {threshold})",
  account_spike_big:
    "{account} earned {value} points on {day}, {ratio}× the ledger's largest ordinary award of {award} (the points of {top_awards} or more such awards), among them {n} awards of {rule}, where an account paid it gets {usual} a day on average; own history median {own_median}, peers median {peer_median} (modified z {score} > {threshold})",
  account_spike_beyond:
    '{account} earned {value} points on {day}: {n} awards of {rule}, where the ledger pays it at most {most} a day ({below} other account-days have {most} or more, {beyond} of them more: far fewer than chance would give); own history median {own_median}, peers median {peer_median} (modified z {score} > {threshold})',
  account_spike_burst:
    '{account} earned {value} points on {day}: {n} awards of {rule}, {dense} of them within {minutes} min, where an account gets at most {usual} a day; own history median {own_median}, peers median {peer_median} (modified z {score} > {threshold})',
  account_spike_burst_alone:
    "{account} earned {value} points on {day}: {n} awards of {rule}, {dense} of them within {minutes} min, where an account gets at most {usual} a day: a count far beyond chance by itself, though the day's points are not unusual (own history median {own_median}, peers median {peer_median}, modified z {score})",
  program_spike:
    'The program issued {value} points on {day} against {expected} expected for that weekday (robust z {score} > {threshold}); {rule} explains {rule_share} of the excess',
  rule_spike:
    '{rule} paid {value} points on {day} against {expected} usual for that weekday ({ratio}×; robust z on a log scale {score} > {threshold}); the program total {total} against {total_expected}',
  rule_drop:
    '{rule} paid {value} points on {days} day(s) from {day} to {last} against {expected} usual for those weekdays ({ratio}×; robust z on a log scale {score} < −{threshold}), while the other rules paid {level} of their usual awards: a rule that stops paying is misconfigured or switched off',
  cap_breach_rule: '{account} received {value} points of {rule} on {day}, above its daily cap of {cap}',
  cap_breach_account: '{account} received {value} points on {day}, above the per-account daily cap of {cap}',
  cap_breach_program: 'The program issued {value} points on {day}, above its daily cap of {cap}',
  cap_clustering:
    '{account} landed just below the {cap}-point daily cap of {rule} on {days} days (within {band} of it)',
  cap_clustering_account:
    '{account} landed just below the per-account daily cap of {cap} points on {days} days (within {band} of it)',
  near_duplicate: '{account}: {rule} for {points} points entered twice {seconds} s apart under {first} and {second}',
  near_duplicate_routine:
    '{account}: {rule} for {points} points entered twice {seconds} s apart under {first} and {second}; {account} had {rule} again within {window} min {repeats} of the {chances} times it had it again the same day, where the other accounts at the same pace ({rate} of the time overall) make {expected} of them (p = {p})',
  self_approval: '{account} approved {rows} of their own rows ({points} points)',
  ring: '{members} accounts pass points round a cycle ({cycle}): {transfers} transfers, {points} points; {share} of what they received from {span_from} to {span_to}, while it ran, came from inside it',
  reciprocal_pair: '{account} and {other} sent points back and forth {round_trips} times within {days} days',
  concentration: '{giver} gave {share} of their {total} points ({role}) to {receiver}',
  concentration_transfers:
    '{giver} sent {n} of their {transfers} transfers ({share} of {total} points) to {receiver}, where an even split over their {receivers} receivers gives each {even}',
  concentration_transfer_points:
    '{giver} sent {share} of their {total} transferred points to {receiver} in {n} of their {transfers} transfers; had each transfer gone to one of their {receivers} receivers at random, any one of them would get that much with a chance of {chance}',
  concentration_rule:
    '{giver} awarded {rule} to {receiver} on {n} of the {days} days they awarded it to anyone ({share}), where {receiver} had {expected} of their award-days of other rules',
  concentration_rule_spread:
    '{giver} awarded {rule} to {receiver} on {n} of the {days} days they awarded it to anyone ({share}), where {receiver} had {expected} of their award-days of the other rules, leaving out the rules in which {receiver} stands out as well',
  concentration_split:
    "{giver} approved {n} of the {rows} awards {receiver} received from their team's approvers ({share}), where {giver} typically signs {expected} of a receiver's",
  off_hours_night:
    '{approver} approved {value} of {approved} rows at night ({window}); the rest of the program does so {program} of the time, their peers in {department} {peers} (p = {p} < {threshold})',
  off_hours_night_hour:
    '{approver} approved {value} of {approved} rows between {hour} and {hour_end} ({window}; {night} at night in all); the rest of the program does so {program} of the time in those hours, their peers in {department} {peers} (p = {p} < {threshold})',
  off_hours_rest_day:
    '{approver} approved {value} of {approved} rows on rest days ({window}); the rest of the program does so {program} of the time, their peers in {department} {peers} (p = {p} < {threshold})',
  benford:
    "The first {digits} digits of {field} amounts do not follow Benford's law: MAD {value} ≥ {threshold} ({conformity}, n = {n})",
  benford_approver:
    "The first {digits} digits of {field} amounts approved by {approver} do not follow Benford's law: MAD {value} ≥ {threshold} ({conformity}, n = {n})",
  round_adjustment:
    '{approver} keyed {round} of {manual} manual amounts as multiples of {unit}; the rest of the program does so {program} of the time (p = {p})',
  burst_redeem:
    '{account} earned nothing for {idle_days} days, then {burst} points within {burst_days} days, and redeemed {redeemed} of them by {last_day}',
};

/** A flag's English explanation from its reason key and variables (an unknown key stands as itself). */
export function explain(key: string, vars: Record<string, string | number>): string {
  const template = REASONS[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = vars[name];
    return v === undefined ? `{${name}}` : typeof v === 'number' ? fmt(v) : v;
  });
}

/** Numbers in explanations: integers as is, others to 4 significant digits. */
export function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}
