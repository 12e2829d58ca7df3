/**
 * The earning rules (rules.csv). Points are integers; the tier mix by issued points lands near the seeds' 7:2:1
 * because of the weights below (how often a rule is awarded), not because rows are forced into shares.
 */
export type Tier = 'base' | 'challenge' | 'reward';

export interface Rule {
  id: string;
  name: string;
  tier: Tier;
  points: number;
  /** Per account and day; null = no cap (the misconfigured rule of the program spike is one of these). */
  cap: number | null;
  category: string;
  /** Relative frequency among earning events. 0 = defined but never awarded (the "set and forget" rule). */
  weight: number;
  /** How many times an account may receive it in a day in normal operation (never more than the cap allows). */
  perDay: number;
  /** Department multipliers on the weight; departments not named get `others`. */
  affinity?: { depts: Record<string, number>; others: number };
  /** Awarded only in the last N days of a quarter (quarterly targets). */
  quarterEndDays?: number;
  /** Awarded only in the first share of the range: a rule that fell out of use (no rows in the last quarter). */
  activeUntil?: number;
}

export const RULES: readonly Rule[] = [
  { id: 'R01', name: '按时完成工作任务', tier: 'base', points: 100, cap: 300, category: '任务', weight: 30, perDay: 2 },
  { id: 'R02', name: '每日学习打卡', tier: 'base', points: 100, cap: 200, category: '学习', weight: 6, perDay: 1 },
  { id: 'R03', name: '提交合理化建议', tier: 'base', points: 150, cap: 300, category: '创新', weight: 5, perDay: 1 },
  {
    id: 'R04',
    name: '获得客户好评',
    tier: 'base',
    points: 120,
    cap: 360,
    category: '服务',
    weight: 6,
    perDay: 2,
    affinity: { depts: { 客服部: 6, 销售部: 3 }, others: 0.3 },
  },
  {
    id: 'R05',
    name: '安全生产无事故',
    tier: 'base',
    points: 100,
    cap: 100,
    category: '安全',
    weight: 6,
    perDay: 1,
    affinity: { depts: { 生产部: 5, 质量部: 3 }, others: 0.2 },
  },
  { id: 'R06', name: '参加专业培训', tier: 'base', points: 150, cap: 300, category: '学习', weight: 6, perDay: 1 },
  { id: 'R07', name: '团队协作互助', tier: 'base', points: 80, cap: 240, category: '协作', weight: 8, perDay: 2 },
  { id: 'R08', name: '周报按时提交', tier: 'base', points: 50, cap: 50, category: '任务', weight: 10, perDay: 1 },
  {
    id: 'R09',
    name: '销售线索录入',
    tier: 'base',
    points: 80,
    cap: 400,
    category: '业绩',
    weight: 4,
    perDay: 2,
    affinity: { depts: { 销售部: 8, 市场部: 3 }, others: 0 },
  },
  {
    id: 'R10',
    name: '完成季度挑战目标',
    tier: 'challenge',
    points: 800,
    cap: 800,
    category: '业绩',
    weight: 1.1,
    perDay: 1,
    quarterEndDays: 12,
  },
  {
    id: 'R11',
    name: '质量改进项目',
    tier: 'challenge',
    points: 600,
    cap: 1200,
    category: '质量',
    weight: 0.9,
    perDay: 1,
    affinity: { depts: { 质量部: 4, 生产部: 2, 研发部: 1.5 }, others: 0.5 },
  },
  {
    id: 'R12',
    name: '新客户签约',
    tier: 'challenge',
    points: 1000,
    cap: 3000,
    category: '业绩',
    weight: 0.7,
    perDay: 1,
    affinity: { depts: { 销售部: 10 }, others: 0 },
  },
  {
    id: 'R13',
    name: '内部讲师授课',
    tier: 'challenge',
    points: 500,
    cap: 500,
    category: '学习',
    weight: 0.6,
    perDay: 1,
  },
  {
    id: 'R14',
    name: '月度优秀员工',
    tier: 'reward',
    points: 1000,
    cap: 1000,
    category: '荣誉',
    weight: 0.42,
    perDay: 1,
  },
  {
    id: 'R15',
    name: '创新成果奖',
    tier: 'reward',
    points: 1200,
    cap: null,
    category: '创新',
    weight: 0.22,
    perDay: 1,
    affinity: { depts: { 研发部: 3 }, others: 0.7 },
  },
  {
    id: 'R16',
    name: '重大项目贡献奖',
    tier: 'reward',
    points: 1500,
    cap: null,
    category: '荣誉',
    weight: 0.17,
    perDay: 1,
  },
  { id: 'R17', name: '节日活动参与', tier: 'base', points: 100, cap: null, category: '活动', weight: 2, perDay: 1 },
  { id: 'R18', name: '客户表扬信', tier: 'reward', points: 800, cap: 800, category: '服务', weight: 0.22, perDay: 1 },
  {
    id: 'R19',
    name: '无偿献血',
    tier: 'reward',
    points: 500,
    cap: 500,
    category: '公益',
    weight: 0.4,
    perDay: 1,
    activeUntil: 0.35,
  },
  { id: 'R20', name: '专利授权奖', tier: 'reward', points: 5000, cap: null, category: '创新', weight: 0, perDay: 1 },
];

/** The rule under test in the A/B experiment (a check-in rule, as in the seeds' examples). */
export const EXPERIMENT_RULE = 'R02';
/** The rule misconfigured for one day in the program spike: no cap, so nothing stopped it. */
export const SPIKE_RULE = 'R17';
/** Rules an injected row may use without tripping a cap: no cap, or a cap of at least two awards. */
export const ROOMY_RULES = ['R01', 'R03', 'R06', 'R07', 'R17'];

export const RULE_INDEX = new Map(RULES.map((r, i) => [r.id, i]));

export function ruleIndex(id: string): number {
  const i = RULE_INDEX.get(id);
  if (i === undefined) throw new Error(`unknown rule ${id}`);
  return i;
}

/** Why points were taken off (扣分): reason, category, points (negative). */
export const DEDUCTIONS: ReadonlyArray<readonly [reason: string, category: string, points: number, weight: number]> = [
  ['迟到早退', '纪律', -20, 30],
  ['未按时提交周报', '任务', -30, 20],
  ['工作失误造成返工', '质量', -100, 12],
  ['客户投诉属实', '服务', -150, 8],
  ['违反安全操作规程', '安全', -200, 8],
  ['无故缺席例会', '纪律', -50, 15],
  ['办公区卫生不达标', '纪律', -20, 7],
];

export const TRANSFER_REASONS = ['感谢协助', '生日祝福', '项目配合', '新人欢迎', '加班顶班', '节日问候'];
export const ADJUST_REASONS_UP = ['漏记补录', '系统故障补发', '按比例补发', '审核后追加'];
export const ADJUST_REASONS_DOWN = ['重复发放冲正', '录入错误更正', '按审计意见扣回'];
