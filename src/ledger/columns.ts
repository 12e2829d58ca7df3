import type { EventType } from '../db/event-types.ts';

/**
 * The canonical columns of each table an import writes, and the source names recognised without a mapping file
 * (ledger-format.md). Matching ignores case, spaces, '-' and '_' so "Event ID", "event-id" and "eventId" all match.
 */
export interface ColumnSpec {
  name: string;
  required: boolean;
  aliases: string[];
}

export const LEDGER_COLUMNS: ColumnSpec[] = [
  {
    name: 'event_id',
    required: false,
    aliases: ['id', 'txn_id', 'transaction_id', 'record_id', '流水号', '记录编号', '单号'],
  },
  {
    name: 'occurred_at',
    required: true,
    aliases: ['time', 'timestamp', 'created_at', 'date', 'datetime', '时间', '发生时间', '日期', '创建时间'],
  },
  {
    name: 'account_id',
    required: true,
    aliases: [
      'user_id',
      'member_id',
      'employee_id',
      'emp_id',
      'person',
      '员工编号',
      '工号',
      '会员编号',
      '会员ID',
      '用户ID',
      '账户',
    ],
  },
  {
    name: 'points',
    required: true,
    aliases: ['point', 'points_delta', 'delta', 'score', '积分', '积分变动', '分值', '变动积分'],
  },
  { name: 'event_type', required: false, aliases: ['type', 'kind', 'action', '类型', '变动类型'] },
  { name: 'rule_id', required: false, aliases: ['rule', 'rule_code', 'item', '规则', '规则编号', '积分项目'] },
  { name: 'experiment_id', required: false, aliases: ['experiment', 'exp_id', '实验', '实验编号'] },
  { name: 'variant', required: false, aliases: ['arm', 'group', 'bucket', '实验组', '分组'] },
  {
    name: 'counterparty_id',
    required: false,
    aliases: ['from_account', 'to_account', 'giver', 'receiver', '对方账户', '赠送人'],
  },
  { name: 'approver_id', required: false, aliases: ['approver', 'approved_by', '审批人', '审核人'] },
  { name: 'category', required: false, aliases: ['类别', '分类', '类目'] },
  { name: 'cash_value', required: false, aliases: ['cash', 'cost', 'amount', '金额', '价值'] },
  { name: 'reason', required: false, aliases: ['note', 'memo', 'remark', '备注', '原因', '事由'] },
  // Attributes: stored in attrs under these canonical names so every query finds them the same way.
  { name: 'department', required: false, aliases: ['dept', '部门'] },
  { name: 'region', required: false, aliases: ['area', '区域', '地区'] },
];

/** Canonical columns of the ledger that are not attributes (attributes go to `attrs`). */
export const LEDGER_FIELDS = LEDGER_COLUMNS.filter((c) => c.name !== 'department' && c.name !== 'region').map(
  (c) => c.name,
);

export const ACCOUNT_COLUMNS: ColumnSpec[] = [
  { name: 'account_id', required: true, aliases: LEDGER_COLUMNS[2].aliases },
  {
    name: 'joined_at',
    required: false,
    aliases: ['hire_date', 'hired_at', 'start_date', 'joined', '入职日期', '加入日期', '注册日期'],
  },
  { name: 'left_at', required: false, aliases: ['leave_date', 'end_date', 'left', '离职日期'] },
  { name: 'department', required: false, aliases: ['dept', '部门'] },
  { name: 'region', required: false, aliases: ['area', '区域', '地区'] },
  { name: 'role', required: false, aliases: ['position', 'title', '岗位', '职位', '角色'] },
  { name: 'gender', required: false, aliases: ['sex', '性别'] },
];

export const RULE_COLUMNS: ColumnSpec[] = [
  { name: 'rule_id', required: true, aliases: ['rule', 'rule_code', 'item', '规则', '规则编号', '积分项目'] },
  { name: 'name', required: false, aliases: ['rule_name', '名称', '规则名称'] },
  { name: 'tier', required: false, aliases: ['level', '层级', '类别'] },
  { name: 'points', required: false, aliases: ['nominal_points', 'award', '分值', '积分'] },
  { name: 'daily_cap', required: false, aliases: ['cap', 'max_per_day', '每日上限', '日上限'] },
];

/** Source values recognised as each event type (ledger-format.md), matched after trimming and lower-casing. */
export const EVENT_TYPE_ALIASES: Record<string, EventType> = {
  earn: 'earn',
  earned: 'earn',
  award: 'earn',
  credit: 'earn',
  获得: 'earn',
  奖励: 'earn',
  加分: 'earn',
  deduct: 'deduct',
  deduction: 'deduct',
  penalty: 'deduct',
  扣除: 'deduct',
  扣分: 'deduct',
  处罚: 'deduct',
  redeem: 'redeem',
  redemption: 'redeem',
  兑换: 'redeem',
  消费: 'redeem',
  expire: 'expire',
  expiry: 'expire',
  expired: 'expire',
  过期: 'expire',
  清零: 'expire',
  adjust: 'adjust',
  adjustment: 'adjust',
  调整: 'adjust',
  transfer: 'transfer',
  转赠: 'transfer',
  转移: 'transfer',
};

export const TIERS = ['base', 'challenge', 'reward'] as const;
export const TIER_ALIASES: Record<string, (typeof TIERS)[number]> = {
  base: 'base',
  基础: 'base',
  基础分: 'base',
  challenge: 'challenge',
  挑战: 'challenge',
  挑战分: 'challenge',
  reward: 'reward',
  奖励: 'reward',
  奖励分: 'reward',
};

export function normalizeName(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}
