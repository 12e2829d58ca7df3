import type { pagesEn } from './pages-en.ts';

/** 面向团队以外读者新增的中文文案（issue 17）：台账字段、记录类型、审计术语、假设分析。 */
export const pagesZhCN: Record<keyof typeof pagesEn, string> = {
  'field.event_id': '记录编号',
  'field.occurred_at': '发生时间',
  'field.account_id': '账户',
  'field.points': '积分',
  'field.event_type': '类型',
  'field.rule_id': '规则',
  'field.approver_id': '审批人',
  'field.counterparty_id': '对方账户',
  'field.reason': '事由',
  'field.department': '部门',
  'field.region': '地区',
  'field.cash_value': '现金价值',
  'field.item_id': '商品',

  'event.earn': '获取',
  'event.deduct': '扣减',
  'event.redeem': '兑换',
  'event.expire': '过期',
  'event.adjust': '调整',
  'event.transfer': '转赠',

  'attr.level': '职级',

  'whatif.scenario.cap_rule': '{rule} 每人每日上限 {cap} 积分',
  'whatif.scenario.cap_all': '所有获取记录每人每日上限 {cap} 积分',
  'whatif.scenario.multiplier': '{rule} 按 {factor} 倍发放',
  'whatif.scenario.disable': '停用 {rule}',
  'unit.pp': '{value} 个百分点',
  'table.scroll_cue': '还有更多列：左右滑动表格查看 →',
};
