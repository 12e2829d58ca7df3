import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import type { Database } from './db/database.ts';
import { run } from './db/run.ts';
import { UserError } from './errors.ts';

const tierShare = z.number().min(0).max(1);

/**
 * Program settings (ledger-format.md). Every default lives here, next to its meaning,
 * so the README and the UI help texts can quote one place.
 */
/** HH:MM from 00:00 to 23:59, or 24:00 (the end of a day): '25:00' or '08:75' would make an odd window silently. */
const TIME_OF_DAY = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const TIME_OF_DAY_MESSAGE = 'a time of day, HH:MM from 00:00 to 24:00';
/**
 * A start is 00:00 to 23:59. A shift belongs to the day it starts on (src/db/work-window.ts), so one starting at 24:00
 * would count every approval for the day before: 24:00–24:00 Mon–Fri would make Monday noon a rest day.
 */
const START_OF_SHIFT = /^([01]\d|2[0-3]):[0-5]\d$/;
const START_OF_SHIFT_MESSAGE =
  'a time of day, HH:MM from 00:00 to 23:59 (24:00 is only an end: a shift from midnight starts at 00:00)';

export const ProgramConfig = z
  .object({
    /** IANA zone; timestamps without an offset are read in it and periods are cut in it. */
    timezone: z.string().default('UTC'),
    /** Money per point: 0.01 means 100 points buy 1 unit of currency. Used for liability and ROI. */
    point_value: z.number().nonnegative().default(0.01),
    currency: z.string().default('CNY'),
    /** Points expire this many months after they were earned, oldest first; null = no policy. */
    expiry_months: z.number().int().positive().nullable().default(null),
    daily_cap_per_account: z.number().positive().nullable().default(null),
    daily_cap_program: z.number().positive().nullable().default(null),
    /**
     * Working hours (src/db/work-window.ts): an end before the start wraps past midnight, a night shift; an end equal
     * to the start is the whole day, a 24-hour shift from the start (README's `work_hours`). At least one working day:
     * with none every approval in working hours would be rest-day work, and nobody could stand out.
     */
    work_hours: z
      .object({
        start: z.string().regex(START_OF_SHIFT, START_OF_SHIFT_MESSAGE).default('08:00'),
        end: z.string().regex(TIME_OF_DAY, TIME_OF_DAY_MESSAGE).default('20:00'),
        days: z
          .array(z.number().int().min(1).max(7))
          .min(1, 'at least one working day, ISO weekdays from 1 (Monday) to 7 (Sunday)')
          .default([1, 2, 3, 4, 5]),
      })
      .default({ start: '08:00', end: '20:00', days: [1, 2, 3, 4, 5] }),
    /** The seeds' 7:2:1 rule-tier model. */
    tier_target: z
      .object({ base: tierShare, challenge: tierShare, reward: tierShare })
      .default({ base: 0.7, challenge: 0.2, reward: 0.1 }),
    fairness: z
      .object({
        gini_warning: z.number().default(0.3),
        disparity_low: z.number().default(0.8),
        disparity_high: z.number().default(1.25),
        /** Groups smaller than this are shown but marked "too small to judge". */
        min_group_size: z.number().int().positive().default(30),
      })
      .default({ gini_warning: 0.3, disparity_low: 0.8, disparity_high: 1.25, min_group_size: 30 }),
    /** Audit thresholds; validated, with every default, by src/audit/settings.ts when an audit runs. */
    audit: z.record(z.string(), z.unknown()).optional(),
    /**
     * Key of `--pseudonymize` (src/privacy/key.ts; LEDGER_LENS_PSEUDONYM_KEY when absent), roster attributes that
     * identify a person beyond the default list (src/privacy/identifying.ts), and whether a manager (serve --users)
     * sees the program's aggregate KPIs beside their scope's (absent: no; a users-file entry may say otherwise).
     */
    privacy: z
      .object({
        pseudonym_key: z.string().min(16),
        identifying_attributes: z.array(z.string().min(1)),
        managers_see_program_totals: z.boolean(),
      })
      .partial()
      .optional(),
  })
  .strict();

export type ProgramConfig = z.infer<typeof ProgramConfig>;

/**
 * The settings as stored with an import: without the pseudonym key, so a shared database file never carries the
 * key that would undo its pseudonyms. `warning` says so when there was a key to drop.
 */
export function storableConfig(config: ProgramConfig): { config: ProgramConfig; warning?: string } {
  if (config.privacy?.pseudonym_key === undefined) return { config };
  const { pseudonym_key: _key, ...privacy } = config.privacy;
  return {
    config: { ...config, privacy },
    warning: `privacy.pseudonym_key is not stored in the database (a shared database file must not carry the key to its pseudonyms); give it again with --config or LEDGER_LENS_PSEUDONYM_KEY when you use --pseudonymize`,
  };
}

export const defaultConfig = (): ProgramConfig => ProgramConfig.parse({});

/**
 * The yaml package, required only to read a YAML config file: `report --db` reads none, and the package's ~30
 * CommonJS files cost start-up CPU whenever they are imported.
 */
const parseYaml = (text: string): unknown =>
  (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);

/** Reads a JSON or YAML program config file; every problem is reported with its field path. */
export function loadConfig(file: string | undefined): ProgramConfig {
  if (!file) return defaultConfig();
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new UserError('config_unreadable', `${file}: cannot read the config file (${(e as Error).message})`, {
      hint: 'Give a JSON or YAML file with keys such as timezone, point_value, expiry_months.',
    });
  }
  const parsed = validConfig(raw ?? {}, `${file}: the config file is not valid`, 'Fix the fields named above');
  validateTimezone(parsed.timezone, file);
  return parsed;
}

/** The settings, or a UserError that names each field at fault under `what`. */
function validConfig(raw: unknown, what: string, fix: string): ProgramConfig {
  const parsed = ProgramConfig.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new UserError('config_invalid', `${what}:\n${lines.join('\n')}`, {
    hint: `${fix}; README lists every setting and its default.`,
  });
}

function validateTimezone(tz: string, file: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new UserError('config_invalid', `${file}: timezone "${tz}" is not an IANA time zone name`, {
      hint: 'Use a name such as Asia/Shanghai or UTC.',
    });
  }
}

/** The settings the last import stored in the database (queries/program_config.sql), or the defaults before any. */
export async function storedConfig(db: Database): Promise<ProgramConfig> {
  const [row] = await run(db, 'program_config', {});
  // A database written before a setting was checked may hold a value now refused (work_hours.start 24:00).
  return validConfig(
    typeof row?.config === 'string' ? JSON.parse(row.config) : {},
    'the settings stored in the database are not valid',
    'Import again with a corrected --config',
  );
}
