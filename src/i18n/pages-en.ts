/** English messages added for readers outside the team (issue 17): ledger fields, event types, audit terms, what-if. */
export const pagesEn = {
  'field.event_id': 'Event id',
  'field.occurred_at': 'Occurred at',
  'field.account_id': 'Account',
  'field.points': 'Points',
  'field.event_type': 'Type',
  'field.rule_id': 'Rule',
  'field.approver_id': 'Approver',
  'field.counterparty_id': 'Counterparty',
  'field.reason': 'Reason',
  'field.department': 'Department',
  'field.region': 'Region',
  'field.cash_value': 'Cash value',
  'field.item_id': 'Item',

  'event.earn': 'earn',
  'event.deduct': 'deduct',
  'event.redeem': 'redeem',
  'event.expire': 'expire',
  'event.adjust': 'adjust',
  'event.transfer': 'transfer',

  'attr.level': 'level',

  'whatif.scenario.cap_rule': 'daily cap of {cap} points per account on {rule}',
  'whatif.scenario.cap_all': 'daily cap of {cap} points per account over all earn rows',
  'whatif.scenario.multiplier': '{rule} paid × {factor}',
  'whatif.scenario.disable': '{rule} switched off',
  'unit.pp': '{value} pp',
  'table.scroll_cue': 'More columns: swipe the table sideways →',
} as const;
