import type { Lang } from '../i18n/index.ts';
import type { XlsxCellType, XlsxColumn } from './xlsx.ts';

/**
 * Column and sheet names of the exported workbooks, in both languages. Kept here rather than in src/i18n (the
 * page's catalogues) so that the export owns its words; where the page already names a number the same words are
 * used (发放积分 for issued, 基尼系数 for the Gini).
 */
const HEADERS = {
  // rankings
  rank: { en: 'Rank', 'zh-CN': '排名' },
  account_id: { en: 'Account', 'zh-CN': '账户' },
  group: { en: 'Group', 'zh-CN': '分组' },
  issued: { en: 'Issued points', 'zh-CN': '发放积分' },
  share: { en: 'Share of issued', 'zh-CN': '占发放比例' },
  group_share: { en: 'Share of group', 'zh-CN': '占组内比例' },
  previous_issued: { en: 'Issued, previous period', 'zh-CN': '上期发放积分' },
  previous_rank: { en: 'Previous rank', 'zh-CN': '上期排名' },
  movement: { en: 'Movement (up +)', 'zh-CN': '名次变化（上升为正）' },
  period_from: { en: 'From', 'zh-CN': '起始日期' },
  period_to: { en: 'To (exclusive)', 'zh-CN': '截止日期（不含）' },
  population: { en: 'Population', 'zh-CN': '统计人数' },
  earners: { en: 'Earners', 'zh-CN': '获分人数' },
  top10_share: { en: 'Top 10 accounts share', 'zh-CN': '前10名占比' },
  top1pct_n: { en: 'Top 1 % accounts', 'zh-CN': '前1%人数' },
  top1pct_share: { en: 'Top 1 % share', 'zh-CN': '前1%占比' },
  top10_accounts: { en: 'Accounts ranked 10 or better', 'zh-CN': '前10名人数（含并列）' },
  top10_overlap_previous: { en: 'Also top 10 last period', 'zh-CN': '上期亦在前10名' },
  // redemption economics
  rows: { en: 'Ledger rows', 'zh-CN': '流水条数' },
  category: { en: 'Category', 'zh-CN': '类别' },
  redemptions: { en: 'Redemptions', 'zh-CN': '兑换次数' },
  points: { en: 'Points', 'zh-CN': '积分' },
  accounts: { en: 'Accounts', 'zh-CN': '人数' },
  cost: { en: 'Cost', 'zh-CN': '成本' },
  cost_share: { en: 'Share of cost', 'zh-CN': '成本占比' },
  valued_by_cash: { en: 'Rows with a cash value', 'zh-CN': '带金额的记录数' },
  active: { en: 'Active participants', 'zh-CN': '活跃人数' },
  cost_per_active: { en: 'Cost per active participant', 'zh-CN': '人均成本（活跃）' },
  cost_per_redemption: { en: 'Cost per redemption', 'zh-CN': '每次兑换成本' },
  item_id: { en: 'Item', 'zh-CN': '商品编号' },
  name: { en: 'Name', 'zh-CN': '名称' },
  in_catalog: { en: 'In catalogue', 'zh-CN': '在商品目录中' },
  catalog_points: { en: 'Catalogue points', 'zh-CN': '目录积分价' },
  catalog_cash_value: { en: 'Catalogue cash value', 'zh-CN': '目录金额' },
  month: { en: 'Month', 'zh-CN': '月份' },
  redeemed: { en: 'Points redeemed', 'zh-CN': '兑换积分' },
  outstanding_start: { en: 'Outstanding at start', 'zh-CN': '月初剩余积分' },
  share_of_outstanding: { en: 'Share of outstanding redeemed', 'zh-CN': '兑换占剩余积分比例' },
  line: { en: 'Budget line', 'zh-CN': '预算项' },
  rule: { en: 'Rule / item', 'zh-CN': '规则/商品' },
  amount: { en: 'Budget', 'zh-CN': '预算金额' },
  spent: { en: 'Spent', 'zh-CN': '已支出' },
  remaining: { en: 'Remaining', 'zh-CN': '剩余预算' },
  used_share: { en: 'Used', 'zh-CN': '使用比例' },
  over: { en: 'Over budget', 'zh-CN': '超支' },
  // report
  metric: { en: 'Metric', 'zh-CN': '指标' },
  current: { en: 'This period', 'zh-CN': '本期' },
  previous: { en: 'Previous period', 'zh-CN': '上期' },
  change: { en: 'Change', 'zh-CN': '变化' },
  tier: { en: 'Tier', 'zh-CN': '规则层级' },
  target: { en: 'Target share', 'zh-CN': '目标占比' },
  expired: { en: 'Points expired', 'zh-CN': '过期积分' },
  outstanding: { en: 'Outstanding at end', 'zh-CN': '期末剩余积分' },
  value: { en: 'Value', 'zh-CN': '取值' },
  n: { en: 'People', 'zh-CN': '人数' },
  mean_issued: { en: 'Mean issued', 'zh-CN': '人均发放积分' },
  gini: { en: 'Gini', 'zh-CN': '基尼系数' },
  disparity: { en: 'Disparity', 'zh-CN': '差异比' },
  small: { en: 'Too small to judge', 'zh-CN': '样本过小' },
  outside_band: { en: 'Outside band', 'zh-CN': '超出区间' },
  used: { en: 'Used', 'zh-CN': '已使用' },
  // sheet names
  'sheet.rankings': { en: 'Rankings', 'zh-CN': '排行榜' },
  'sheet.concentration': { en: 'Concentration', 'zh-CN': '集中度' },
  'sheet.totals': { en: 'Totals', 'zh-CN': '汇总' },
  'sheet.categories': { en: 'By category', 'zh-CN': '按类别' },
  'sheet.items': { en: 'By item', 'zh-CN': '按商品' },
  'sheet.never_redeemed': { en: 'Never redeemed', 'zh-CN': '无人兑换商品' },
  'sheet.monthly': { en: 'Monthly', 'zh-CN': '按月' },
  'sheet.budget': { en: 'Budget', 'zh-CN': '预算' },
  'sheet.report': { en: 'Report', 'zh-CN': '报告' },
  'sheet.tier_mix': { en: 'Tier mix', 'zh-CN': '规则层级结构' },
  'sheet.rule_usage': { en: 'Rule usage', 'zh-CN': '规则使用' },
  'sheet.groups': { en: 'Groups', 'zh-CN': '分组' },
} as const satisfies Record<string, Record<Lang, string>>;

export type HeaderKey = keyof typeof HEADERS;

export function header(key: HeaderKey, lang: Lang): string {
  return HEADERS[key][lang];
}

export function headerKeys(): HeaderKey[] {
  return Object.keys(HEADERS) as HeaderKey[];
}

/** Columns of a sheet from [key, type] pairs, headed in `lang`; the key is also the row field read. */
export function columns(lang: Lang, spec: [HeaderKey, XlsxCellType][]): XlsxColumn[] {
  return spec.map(([key, type]) => ({ key, header: header(key, lang), type }));
}
