/**
 * The organisation behind the sample: departments with their size and how much their work earns under the rules
 * (by construction sales earns most and the back office least — the "unfair by design" finding the fairness view
 * should surface), regions, roles and Chinese names.
 */
export interface Department {
  name: string;
  /** Share of headcount. 战略部 is deliberately tiny so the fairness view must mark a small group. */
  share: number;
  /** Multiplier on the earning rate. */
  earn: number;
  /** Multiplier on deductions (扣分): the shop floor and the front line collect more of them. */
  deduct: number;
  femaleShare: number;
}

export const DEPARTMENTS: readonly Department[] = [
  { name: '研发部', share: 0.24, earn: 1.1, deduct: 0.7, femaleShare: 0.3 },
  { name: '生产部', share: 0.19, earn: 1.0, deduct: 1.8, femaleShare: 0.25 },
  { name: '销售部', share: 0.15, earn: 1.5, deduct: 1.2, femaleShare: 0.35 },
  { name: '客服部', share: 0.1, earn: 1.2, deduct: 1.5, femaleShare: 0.6 },
  { name: '市场部', share: 0.07, earn: 1.0, deduct: 0.8, femaleShare: 0.5 },
  { name: '质量部', share: 0.06, earn: 0.9, deduct: 1.0, femaleShare: 0.35 },
  { name: '采购部', share: 0.04, earn: 0.8, deduct: 0.8, femaleShare: 0.4 },
  { name: '财务部', share: 0.04, earn: 0.6, deduct: 0.5, femaleShare: 0.65 },
  { name: '人力资源部', share: 0.035, earn: 0.7, deduct: 0.5, femaleShare: 0.7 },
  { name: '行政部', share: 0.03, earn: 0.6, deduct: 0.6, femaleShare: 0.6 },
  { name: '法务部', share: 0.02, earn: 0.5, deduct: 0.4, femaleShare: 0.5 },
  { name: '战略部', share: 0.01, earn: 0.9, deduct: 0.4, femaleShare: 0.4 },
];

export const REGIONS: ReadonlyArray<readonly [name: string, share: number]> = [
  ['华东', 0.35],
  ['华北', 0.2],
  ['华南', 0.18],
  ['西南', 0.1],
  ['华中', 0.11],
  ['西北', 0.06],
];

/** Roles from the top of a department down; managers approve their team's points. */
export const JOB_ROLES = { ceo: '总经理', director: '总监', manager: '经理', lead: '组长', staff: '员工' } as const;
export type JobRole = (typeof JOB_ROLES)[keyof typeof JOB_ROLES];

/** Earning multiplier by role: managers are nominated for more awards — a second built-in fairness finding. */
export const ROLE_EARN: Record<JobRole, number> = { 总经理: 1.6, 总监: 1.8, 经理: 1.5, 组长: 1.2, 员工: 1.0 };

export const LEVELS: Record<JobRole, readonly string[]> = {
  总经理: ['L7'],
  总监: ['L6'],
  经理: ['L4', 'L5'],
  组长: ['L3', 'L4'],
  员工: ['L1', 'L2', 'L3'],
};

export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
export const GIVEN_MALE = [...'伟强磊军勇杰涛明超辉刚平鹏华飞斌波宇浩凯俊帆建国志文东海峰亮鑫晨旭阳'];
export const GIVEN_FEMALE = [...'芳娜敏静丽艳娟霞燕玲婷雪琳慧颖洁倩欣怡佳悦晶莉萍红梅丹璐瑶晓琪'];
