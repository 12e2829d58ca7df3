import { UserError } from '../errors.ts';

/**
 * Roster attributes that name a person by themselves: a name, a phone number, an e-mail address, an id-card
 * number. Pseudonymising the account id means nothing if the output still groups by one of these, so with
 * --pseudonymize they are refused as a grouping or a filter. Programs add their own with
 * `privacy.identifying_attributes` (e.g. a badge number).
 */
export const DEFAULT_IDENTIFYING_ATTRIBUTES = [
  'name',
  'full_name',
  'first_name',
  'last_name',
  'employee_name',
  'nickname',
  'phone',
  'phone_number',
  'mobile',
  'telephone',
  'tel',
  'email',
  'e-mail',
  'mail',
  'id_card',
  'id_number',
  'id_no',
  'national_id',
  'passport',
  '姓名',
  '名字',
  '员工姓名',
  '昵称',
  '手机',
  '手机号',
  '手机号码',
  '电话',
  '联系电话',
  '座机',
  '邮箱',
  '电子邮箱',
  '邮件',
  '身份证',
  '身份证号',
  '身份证号码',
  '证件号',
  '证件号码',
  '护照号',
] as const;

/** Case, spaces, `-` and `_` ignored, as column names are recognised (README, "The ledger format"). */
const normal = (s: string) => s.toLowerCase().replace(/[\s_-]/g, '');

export function identifyingSet(extra: readonly string[] | undefined): ReadonlySet<string> {
  return new Set([...DEFAULT_IDENTIFYING_ATTRIBUTES, ...(extra ?? [])].map(normal));
}

export function isIdentifying(attribute: string, set: ReadonlySet<string>): boolean {
  return set.has(normal(attribute));
}

/** Throws (exit 2 / HTTP 400) when `option` (e.g. `--by`) names an identifying attribute. */
export function refuseIdentifying(option: string, attribute: string | undefined, set: ReadonlySet<string>) {
  if (attribute === undefined || !isIdentifying(attribute, set)) return;
  throw new UserError(
    'identifying_attribute',
    `${option} ${attribute}: "${attribute}" identifies a person, so with pseudonyms it cannot be a grouping or a filter`,
    {
      hint: 'Group by an attribute that many people share (department, region, role, …), or leave out --pseudonymize. The list is DEFAULT_IDENTIFYING_ATTRIBUTES plus privacy.identifying_attributes in the program config.',
    },
  );
}
