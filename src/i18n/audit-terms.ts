import type { Lang } from './index.ts';

/**
 * Chinese for the words the audit module writes in English into its results: threshold names, the reasons a check
 * or a Benford test did not run, and values placed into explanations. Keyed by the English text, which is the
 * contract of src/audit; an unknown text is shown as given (and the zh-CN page test then names it).
 */
const THRESHOLDS_ZH: Record<string, string> = {
  "share of the members' receipts from inside the cycle while it ran": '循环期间成员所获积分中来自圈内的比例',
  'round trips within the pair window': '窗口内两人来回转赠次数',
  "share of the giver's points to one receiver": '给出积分中流向单一接收人的比例',
  'MAD nonconformity bound (first digit)': '平均绝对偏差（MAD）不符合界限（首位数字）',
  'MAD nonconformity bound (first two digits)': '平均绝对偏差（MAD）不符合界限（前两位数字）',
  'points earned in the burst': '集中获取期内的积分',
  'seconds between the entries': '两次录入的间隔秒数',
  'binomial p-value of the off-hours count': '非工作时间笔数的二项检验 p 值',
  'rule daily cap': '规则每日上限',
  'daily cap per account': '每人每日上限',
  'program daily cap': '全制度每日上限',
  'days just below the cap': '紧贴上限之下的天数',
  'modified z against own history and peers': '相对本人历史与同组的修正 z 分数',
  'self-approved rows': '自我审批的行数',
  'binomial p-value of the round-amount count': '整数金额笔数的二项检验 p 值',
  'robust z of the day against its weekday baseline': '当日相对同星期几基线的稳健 z 分数',
};

const VALUES_ZH: Record<string, string> = { approved: '经其审批', transferred: '由其转出' };

/** The amount fields a Benford test reads, as the audit names them → [Chinese, English]. */
const FIELDS: Record<string, [string, string]> = {
  adjust: ['人工调整', 'adjustments'],
  transfer: ['转赠', 'transfers'],
  cash_value: ['现金价值', 'cash values'],
  points: ['积分', 'points'],
};
const TESTS_ZH: Record<string, string> = { first: '首位数字', firstTwo: '前两位数字' };
// The audit names a skipped Benford test by its code names; English readers get words too.
const TESTS_EN: Record<string, string> = { first: 'first digit', firstTwo: 'first two digits' };
const SKIPPED_TEST = /^(\w+) (first|firstTwo): skipped, (.*)$/;

/** English reason → Chinese, one pattern per sentence src/audit writes. */
const REASONS_ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^only (\d+) usable values \(need at least (\d+)\)$/, (m) => `只有 ${m[1]} 个可用值（至少需要 ${m[2]} 个）`],
  [
    /^only (\d+) distinct values \(need at least (\d+)\): fixed amounts, not a Benford field$/,
    (m) => `只有 ${m[1]} 个不同取值（至少需要 ${m[2]} 个）：金额固定，不适用本福特检验`,
  ],
  [
    /^values span ([\d.]+) orders of magnitude \(need at least ([\d.]+)\)$/,
    (m) => `取值只跨 ${m[1]} 个数量级（至少需要 ${m[2]} 个）`,
  ],
  [
    /^no amount-like values \(adjustments, transfers, cash values\) in the period$/,
    () => '本期没有可检验的金额（人工调整、转赠、现金价值）',
  ],
  [
    /^fewer than (\d+) weeks of history before the period: no weekday baseline$/,
    (m) => `本期之前的历史不足 ${m[1]} 周，无法建立同星期几基线`,
  ],
  [/^no transfers in the period$/, () => '本期没有转赠'],
  [SKIPPED_TEST, (m) => `${FIELDS[m[1]]?.[0] ?? m[1]}（${TESTS_ZH[m[2]]}）：未检验，${skipReason('zh-CN', m[3])}`],
];

export function thresholdName(lang: Lang, name: string): string {
  return lang === 'zh-CN' ? (THRESHOLDS_ZH[name] ?? name) : name;
}

/** A value the audit puts into an explanation (the giver's role …), in `lang`. */
export function auditValue(lang: Lang, value: string): string {
  return lang === 'zh-CN' ? (VALUES_ZH[value] ?? value) : value;
}

/** Why a check or a Benford test did not run; several reasons joined by "; " are translated one by one. */
export function skipReason(lang: Lang, text: string): string {
  if (lang !== 'zh-CN')
    return text
      .split('; ')
      .map((part) => {
        const m = SKIPPED_TEST.exec(part);
        return m ? `${FIELDS[m[1]]?.[1] ?? m[1]} (${TESTS_EN[m[2]]}): skipped, ${m[3]}` : part;
      })
      .join('; ');
  return text
    .split('; ')
    .map((part) => {
      for (const [re, zh] of REASONS_ZH) {
        const m = re.exec(part);
        if (m) return zh(m);
      }
      return part;
    })
    .join('；');
}
