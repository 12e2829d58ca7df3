import type { Lang } from './index.ts';

/**
 * Column titles of exported tables (chart CSV/XLSX, audit flags and sample CSV), by the snake_case key the data
 * carries. A download in the page's language has these as its header row; the keys stay the API's and the CLI's.
 */
const EN = {
  account_id: 'Account', accounts: 'Accounts', active: 'Active', arm: 'Arm', bin_from: 'From', bin_to: 'To', category: 'Category',
  ci_high: 'CI high', ci_low: 'CI low', cohort: 'Joined in', cohort_size: 'Cohort size', cost: 'Cost', cost_share: 'Share of cost',
  count: 'Count', curve: 'Curve', day: 'Day', department: 'Department', digit: 'Digit', disparity: 'Disparity', expected: 'Expected',
  expired: 'Expired', gini: 'Gini', gini_nonzero: 'Gini (earners)', giver: 'Giver', group: 'Group', issued: 'Issued', k: 'Months since joining',
  lower: 'Lower bound', mean_issued: 'Mean issued', median: 'Median', metric: 'Metric', month: 'Month', movement: 'Movement', n: 'People',
  name: 'Name', observed: 'Observed', outside_band: 'Outside the band', outstanding: 'Outstanding', outstanding_start: 'Outstanding at start',
  p_adjusted: 'Adjusted p', partial: 'Partial', points: 'Points', points_share: 'Share of points', population_share: 'Share of people',
  previous_rank: 'Previous rank', quarter: 'Quarter', rank: 'Rank', receiver: 'Receiver', redeemed: 'Redeemed', redemptions: 'Redemptions',
  rel_ci_high: 'Relative CI high', rel_ci_low: 'Relative CI low', rel_lift: 'Relative lift', rows: 'Rows', rule_id: 'Rule', share: 'Share',
  share_of_outstanding: 'Share of outstanding', small: 'Small group', spike: 'Spike', target: 'Target', theil_between: 'Theil between',
  theil_between_share: 'Theil between share', theil_within: 'Theil within', tier: 'Tier', transfers: 'Transfers', treatment: 'Treatment',
  upper: 'Upper bound', used: 'Used', verdict: 'Verdict', z: 'z-score',
  severity: 'Severity', check: 'Check', from: 'From', to: 'To', value: 'Value', baseline: 'Baseline', score: 'Score', threshold: 'Threshold',
  threshold_name: 'Threshold name', explanation: 'Explanation', event_count: 'Events', event_ids: 'Event ids', event_id: 'Event id',
  occurred_at: 'Occurred at', event_type: 'Type', approver_id: 'Approver', counterparty_id: 'Counterparty', cash_value: 'Cash value',
  reason: 'Reason', region: 'Region', stratum: 'Stratum', line: 'Line', reasons: 'Reasons', raw: 'Row as read', horizon_days: 'Within days', rule_spikes: 'Rule spikes', campaigns: 'Campaigns',
} as const;

const ZH: Record<keyof typeof EN, string> = {
  account_id: '账户', accounts: '账户', active: '活跃人数', arm: '组别', bin_from: '区间起点', bin_to: '区间终点', category: '类别',
  ci_high: '置信区间上限', ci_low: '置信区间下限', cohort: '入职月份', cohort_size: '同期人数', cost: '成本', cost_share: '成本占比',
  count: '计数', curve: '曲线', day: '日期', department: '部门', digit: '数字', disparity: '差异倍数', expected: '预期',
  expired: '过期', gini: '基尼系数', gini_nonzero: '基尼系数（获分者）', giver: '赠出人', group: '分组', issued: '发放', k: '入职后月数',
  lower: '下限', mean_issued: '人均发放', median: '中位数', metric: '指标', month: '月份', movement: '名次变化', n: '人数',
  name: '名称', observed: '观测值', outside_band: '超出区间', outstanding: '未使用积分', outstanding_start: '期初未使用积分',
  p_adjusted: '校正后 p 值', partial: '不完整', points: '积分', points_share: '积分占比', population_share: '人数占比',
  previous_rank: '上期名次', quarter: '季度', rank: '名次', receiver: '接收人', redeemed: '兑换', redemptions: '兑换次数',
  rel_ci_high: '相对置信区间上限', rel_ci_low: '相对置信区间下限', rel_lift: '相对提升', rows: '行数', rule_id: '规则', share: '占比',
  share_of_outstanding: '占未使用积分比例', small: '小组', spike: '异常峰值', target: '目标', theil_between: '泰尔指数（组间）',
  theil_between_share: '组间泰尔占比', theil_within: '泰尔指数（组内）', tier: '层级', transfers: '转赠次数', treatment: '实验组',
  upper: '上限', used: '已使用', verdict: '结论', z: 'z 分数',
  severity: '严重程度', check: '检查', from: '开始', to: '结束', value: '观测值', baseline: '基线', score: '分数', threshold: '阈值',
  threshold_name: '阈值含义', explanation: '说明', event_count: '记录数', event_ids: '记录编号列表', event_id: '记录编号',
  occurred_at: '发生时间', event_type: '类型', approver_id: '审批人', counterparty_id: '对方账户', cash_value: '现金价值',
  reason: '事由', region: '地区', stratum: '分层', line: '行号', reasons: '原因', raw: '读到的内容', horizon_days: '到期天数以内', rule_spikes: '规则突增', campaigns: '活动',
};

/** A column's title in `lang`; a key we do not know (an attribute from the data) is its own title. */
export function columnTitle(lang: Lang, key: string): string {
  const table: Record<string, string> = lang === 'zh-CN' ? ZH : EN;
  return Object.hasOwn(table, key) ? table[key] : key;
}
