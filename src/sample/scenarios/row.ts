import type { ScenarioCase } from './labels.ts';

export type EventType = 'earn' | 'deduct' | 'redeem' | 'transfer' | 'adjust';

/** One ledger row of a scenario before it is numbered; `label` marks the rows an injected case wrote. */
export interface ScenarioRow {
  /** Seconds after midnight. */
  t: number;
  a: number;
  type: EventType;
  points: number;
  rule: string;
  cp: number;
  approver: number;
  reason: string;
  label: ScenarioCase | null;
}

export function row(p: Partial<ScenarioRow> & Pick<ScenarioRow, 't' | 'a' | 'type' | 'points'>): ScenarioRow {
  return { rule: '', cp: -1, approver: -1, reason: '', label: null, ...p };
}
