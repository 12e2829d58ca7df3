import { REASONS } from './audit-reasons-en.ts';
import { auditValue } from './audit-terms.ts';
import type { Lang } from './index.ts';

/**
 * Chinese templates of the audit module's flag explanations, by `reason_key`; `{name}` is filled from `reason_vars`.
 * The English ones are audit-reasons-en.ts; a test checks both have every key.
 */
export const REASONS_ZH: Record<string, string> = {
  account_spike:
    '{account} 在 {day} 获得 {value} 积分，为本账本最大常规单笔奖励 {award} 的 {ratio} 倍（相当于 {top_awards} 笔或更多此类奖励）；本人历史中位数 {own_median}，同组中位数 {peer_median}（修正 z 分数 {score} > {threshold}）',
  account_spike_big:
    '{account} 在 {day} 获得 {value} 积分，为本账本最大常规单笔奖励 {award} 的 {ratio} 倍（相当于 {top_awards} 笔或更多此类奖励），其中 {rule} 共 {n} 次，而获得该规则的账户平均每天 {usual} 次；本人历史中位数 {own_median}，同组中位数 {peer_median}（修正 z 分数 {score} > {threshold}）',
  account_spike_beyond:
    '{account} 在 {day} 获得 {value} 积分：{rule} 共 {n} 次，而本账本每天至多发放 {most} 次（其他 {below} 个账户日达到 {most} 次或以上，其中仅 {beyond} 个超过，远少于随机所致）；本人历史中位数 {own_median}，同组中位数 {peer_median}（修正 z 分数 {score} > {threshold}）',
  account_spike_burst:
    '{account} 在 {day} 获得 {value} 积分：{rule} 共 {n} 次，其中 {dense} 次在 {minutes} 分钟内，而账户每天通常至多 {usual} 次；本人历史中位数 {own_median}，同组中位数 {peer_median}（修正 z 分数 {score} > {threshold}）',
  account_spike_burst_alone:
    '{account} 在 {day} 获得 {value} 积分：{rule} 共 {n} 次，其中 {dense} 次在 {minutes} 分钟内，而账户每天通常至多 {usual} 次：次数本身已远超随机所致，尽管当日积分并不突出（本人历史中位数 {own_median}，同组中位数 {peer_median}，修正 z 分数 {score}）',
  program_spike:
    '全制度在 {day} 发放 {value} 积分，同星期几预期为 {expected}（稳健 z 分数 {score} > {threshold}）；{rule} 解释了超出部分的 {rule_share}',
  rule_spike:
    '{rule} 在 {day} 发放 {value} 积分，同星期几通常为 {expected}（{ratio} 倍；对数尺度稳健 z 分数 {score} > {threshold}）；全制度当日合计 {total}，预期 {total_expected}',
  rule_drop:
    '{rule} 在 {day} 至 {last} 的 {days} 天共发放 {value} 积分，同星期几通常为 {expected}（{ratio} 倍；对数尺度稳健 z 分数 {score} < −{threshold}），而其他规则发放了通常奖励数的 {level}：规则停发，可能是配置错误或被误停用',
  cap_breach_rule: '{account} 在 {day} 通过 {rule} 获得 {value} 积分，超过该规则每日上限 {cap}',
  cap_breach_account: '{account} 在 {day} 获得 {value} 积分，超过每人每日上限 {cap}',
  cap_breach_program: '全制度在 {day} 发放 {value} 积分，超过每日总上限 {cap}',
  cap_clustering: '{account} 有 {days} 天在 {rule} 的每日上限 {cap} 之下 {band} 以内',
  cap_clustering_account: '{account} 有 {days} 天的当日积分在每人每日上限 {cap} 之下 {band} 以内',
  near_duplicate: '{account}：{rule} 的 {points} 积分在 {seconds} 秒内以 {first} 和 {second} 两次录入',
  near_duplicate_routine:
    '{account}：{rule} 的 {points} 积分在 {seconds} 秒内以 {first} 和 {second} 两次录入；{account} 当天再次获得 {rule} 的 {chances} 次中有 {repeats} 次在 {window} 分钟内，其他账户在相同频度下预计 {expected} 次（总体比例 {rate}）（p = {p}）',
  self_approval: '{account} 审批了自己的 {rows} 行记录（{points} 积分）',
  ring: '{members} 个账户循环转赠积分（{cycle}）：{transfers} 次转赠，{points} 积分；{span_from} 至 {span_to} 循环期间其所获积分中有 {share} 来自圈内',
  reciprocal_pair: '{account} 与 {other} 在 {days} 天内来回转赠 {round_trips} 次',
  concentration: '{giver} 将其 {total} 积分（{role}）中的 {share} 给了 {receiver}',
  concentration_transfers:
    '{giver} 的 {transfers} 笔转赠中有 {n} 笔给了 {receiver}（{total} 积分中的 {share}），而在其 {receivers} 名接收人之间平分时每人只占 {even}',
  concentration_transfer_points:
    '{giver} 转赠的 {total} 积分中有 {share} 给了 {receiver}（{transfers} 笔中的 {n} 笔）；若每笔转赠随机给其 {receivers} 名接收人之一，任何一人得到这么多积分的概率仅为 {chance}',
  concentration_rule:
    '{giver} 发放 {rule} 的 {days} 天中有 {n} 天发给了 {receiver}（{share}），而在其他规则的发放天数中 {receiver} 只占 {expected}',
  concentration_rule_spread:
    '{giver} 发放 {rule} 的 {days} 天中有 {n} 天发给了 {receiver}（{share}），而在其他规则（不计 {receiver} 同样突出的规则）的发放天数中 {receiver} 只占 {expected}',
  concentration_split:
    '{receiver} 从其团队审批人处获得的 {rows} 笔奖励中有 {n} 笔由 {giver} 审批（{share}），而 {giver} 通常只审批一名接收人 {expected} 的奖励',
  off_hours_night:
    '{approver} 审批的 {approved} 行中有 {value} 行在夜间（{window}）；全制度其余审批人的夜间比例为 {program}，{department} 的同组审批人为 {peers}（p = {p} < {threshold}）',
  off_hours_night_hour:
    '{approver} 审批的 {approved} 行中有 {value} 行在 {hour} 至 {hour_end} 之间（{window}；夜间共 {night} 行）；全制度其余审批人在该时段的比例为 {program}，{department} 的同组审批人为 {peers}（p = {p} < {threshold}）',
  off_hours_rest_day:
    '{approver} 审批的 {approved} 行中有 {value} 行在休息日（{window}）；全制度其余审批人的休息日比例为 {program}，{department} 的同组审批人为 {peers}（p = {p} < {threshold}）',
  benford: '{field} 金额的前 {digits} 位数字不符合本福特定律：MAD {value} ≥ {threshold}（{conformity}，n = {n}）',
  benford_approver:
    '{approver} 审批的 {field} 金额的前 {digits} 位数字不符合本福特定律：MAD {value} ≥ {threshold}（{conformity}，n = {n}）',
  round_adjustment:
    '{approver} 录入的 {manual} 个人工金额中有 {round} 个是 {unit} 的整倍数；全制度其余部分该比例为 {program}（p = {p}）',
  burst_redeem:
    '{account} 沉寂 {idle_days} 天后在 {burst_days} 天内获得 {burst} 积分，并于 {last_day} 前兑换了其中 {redeemed}',
};

/**
 * A flag's explanation in `lang`, re-rendered from its template so its numbers read as the page's do (the stored
 * English text has bare "18400"); the stored text when the key has no template.
 */
export function flagExplanation(
  lang: Lang,
  flag: { reason_key: string; reason_vars: Record<string, string | number>; explanation: string },
  num: (v: number) => string,
): string {
  const template = (lang === 'zh-CN' ? REASONS_ZH : REASONS)[flag.reason_key];
  if (!template) return flag.explanation;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = flag.reason_vars[name];
    return v === undefined ? whole : typeof v === 'number' ? num(v) : auditValue(lang, v);
  });
}
