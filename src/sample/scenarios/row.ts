import type { EventType } from '../../db/event-types.ts';
import type { ScenarioCase } from './labels.ts';

/** The event types a scenario writes: the ledger's (db/event-types.ts) but expire. */
export type ScenarioEventType = Exclude<EventType, 'expire'>;

/** One ledger row of a scenario before it is numbered; `label` marks the rows an injected case wrote. */
export interface ScenarioRow {
  /** Seconds after midnight. */
  t: number;
  a: number;
  type: ScenarioEventType;
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
