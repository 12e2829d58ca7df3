import type { Lang } from './index.ts';

/**
 * Chinese for the sentences the importer writes (quarantine reasons and warnings, src/ledger/*): a web reader sees
 * them next to the upload, so they must read in the page's language. A field is written `points` or
 * `points (column "积分")`; a sentence we do not know is shown as given.
 */
const FIELD_ZH: Record<string, string> = {
  event_id: '记录编号',
  occurred_at: '发生时间',
  account_id: '账户',
  points: '积分',
  event_type: '类型',
  cash_value: '现金价值',
  header: '表头',
  encoding: '编码',
};
const TYPE_ZH: Record<string, string> = {
  earn: '获取',
  deduct: '扣减',
  redeem: '兑换',
  expire: '过期',
  adjust: '调整',
  transfer: '转赠',
};

const field = (name: string, column?: string) =>
  `${FIELD_ZH[name] ?? name}${column === undefined ? '' : `（文件列“${column}”）`}`;

const PREDICATES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^missing$/, () => '缺失'],
  [
    /^cannot read (.*) as a timestamp \(.*\)$/,
    (m) => `无法把 ${m[1]} 读成时间（请使用 ISO 8601、YYYY-MM-DD HH:MM:SS、YYYY/MM/DD HH:MM 或 Unix 秒数）`,
  ],
  [/^(.*) is outside 1970–2099$/, (m) => `${m[1]} 不在 1970–2099 年之间`],
  [/^(.*) is not a number$/, (m) => `${m[1]} 不是数字`],
  [/^(.*) has more than two decimals$/, (m) => `${m[1]} 的小数超过两位`],
  [/^(.*) is too large$/, (m) => `${m[1]} 过大`],
  [/^(.*) is not an amount with at most two decimals$/, (m) => `${m[1]} 不是最多两位小数的金额`],
  [
    /^unknown type (.*) \(known: ([^;]*);.*\)$/,
    (m) =>
      `未知类型 ${m[1]}（可用类型：${m[2]
        .split(', ')
        .map((t) => TYPE_ZH[t] ?? t)
        .join('、')}）`,
  ],
  [/^cannot infer a type from points = 0$/, () => '积分为 0，无法推断类型'],
  [
    /^(.*) contradicts event_type (\w+) \(\w+ must be (.*)\)$/,
    (m) => `${m[1]} 与类型“${TYPE_ZH[m[2]] ?? m[2]}”矛盾（该类型须${m[3] === 'non-zero' ? '不为 0' : ` ${m[3]}`}）`,
  ],
  [/^line is not a JSON object: (.*)$/, (m) => `该行不是 JSON 对象：${m[1]}`],
  [
    /^the file has no id column; .*$/,
    () => '文件没有编号列；编号由每行的内容和出现次序生成，重复导入同一文件不会增加记录',
  ],
  [/^the file has no type column; .*$/, () => '文件没有类型列；按积分正负推断（> 0 为获取，< 0 为兑换）'],
  [/^detected GBK\/GB18030 and converted to UTF-8$/, () => '检测到 GBK/GB18030 编码，已转换为 UTF-8'],
  [/^column names appear twice \((.*)\); .*$/, (m) => `列名重复（${m[1]}）；后出现的列作为“<列名>_2”属性保留`],
  [/^several columns match \((.*)\); using (".*")\..*$/, (m) => `有多列可匹配（${m[1]}）；使用 ${m[2]}`],
];

/** One importer sentence (`field: predicate`) in `lang`. */
export function importMessage(lang: Lang, text: string): string {
  if (lang !== 'zh-CN') return text;
  const m = /^(\w+)(?: \(column "(.*?)"\))?: (.*)$/s.exec(text);
  const [name, column, rest] = m ? [m[1], m[2], m[3]] : [null, undefined, text];
  for (const [re, zh] of PREDICATES) {
    const p = re.exec(rest);
    if (p) return name ? `${field(name, column)}：${zh(p)}` : zh(p);
  }
  return text;
}
