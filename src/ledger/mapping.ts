import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UserError } from '../errors.ts';
import { EVENT_TYPES } from '../db/event-types.ts';
import { type ColumnSpec, normalizeName } from './columns.ts';

/** A mapping file (JSON or YAML): canonical column → source column, and per-column value maps (兑换 → redeem). */
export const MappingFile = z
  .object({
    columns: z.record(z.string(), z.string()).default({}),
    values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  })
  .strict();
export type MappingFile = z.infer<typeof MappingFile>;

export type LoadedMapping =
  | { kind: 'columns'; file: string; spec: MappingFile }
  | { kind: 'sql'; file: string; sql: string };

export function loadMapping(file: string | undefined): LoadedMapping | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(
      'mapping_unreadable',
      `${file}: cannot read the mapping file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  if (/\.sql$/i.test(file)) {
    if (!/^\s*(--[^\n]*\n\s*)*(select|with|from)\b/i.test(text)) {
      throw new UserError('mapping_invalid', `${file}: an SQL mapping must be one SELECT over the relation \`raw\``, {
        hint: 'Example: SELECT "__line", doc->>\'$.id\' AS event_id, … FROM raw',
      });
    }
    return { kind: 'sql', file, sql: text.trim().replace(/;\s*$/, '') };
  }
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new UserError(
      'mapping_invalid',
      `${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'} (${(e as Error).message.split('\n')[0]})`,
    );
  }
  const parsed = MappingFile.safeParse(raw ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new UserError('mapping_invalid', `${file}: the mapping file is not valid:\n${lines.join('\n')}`, {
      hint: 'Write { "columns": { "points": "积分变动" }, "values": { "event_type": { "兑换": "redeem" } } }.',
    });
  }
  for (const [column, map] of Object.entries(parsed.data.values)) {
    if (column !== 'event_type') {
      throw new UserError('mapping_invalid', `${file}: values.${column}: value maps are read for event_type only`, {
        hint: "Map other values with an SQL mapping (--mapping file.sql), e.g. CASE arm WHEN '对照' THEN 'A' END AS variant.",
      });
    }
    for (const [from, to] of Object.entries(map)) {
      if (!(EVENT_TYPES as readonly string[]).includes(to.trim().toLowerCase())) {
        throw new UserError(
          'mapping_invalid',
          `${file}: values.event_type maps "${from}" to "${to}", which is not an event type`,
          {
            hint: `Map each source value to one of: ${EVENT_TYPES.join(', ')}.`,
          },
        );
      }
      map[from] = to.trim().toLowerCase();
    }
  }
  return { kind: 'columns', file, spec: parsed.data };
}

export interface ResolvedMapping {
  /** canonical → source column name (only the columns that were found). */
  columns: Record<string, string>;
  /** Source columns that map to no canonical column: kept as attributes. */
  extra: string[];
  warnings: string[];
}

/**
 * Decides which source column feeds each canonical column: the mapping file first, then the built-in aliases.
 * Fails with the list of available columns when a required column or a named source column is missing.
 */
export function resolveColumns(
  file: string,
  sourceColumns: string[],
  specs: ColumnSpec[],
  mapping?: MappingFile,
  optionalRequired: string[] = [],
  mappable = true,
): ResolvedMapping {
  const warnings: string[] = [];
  const available = () => sourceColumns.map((c) => `"${c}"`).join(', ');
  const columns: Record<string, string> = {};
  const known = new Set(specs.map((s) => s.name));
  for (const [canonical, source] of Object.entries(mapping?.columns ?? {})) {
    if (!known.has(canonical)) {
      throw new UserError('mapping_invalid', `mapping names "${canonical}", which is not a column Ledger Lens knows`, {
        hint: `Canonical columns are: ${[...known].join(', ')}. Other source columns are kept as attributes without mapping.`,
      });
    }
    if (!sourceColumns.includes(source)) {
      throw new UserError(
        'mapping_column_missing',
        `${file}: the mapping says ${canonical} comes from column "${source}", but the file has no such column`,
        {
          hint: `The file's columns are: ${available()}.`,
        },
      );
    }
    columns[canonical] = source;
  }
  const used = new Set(Object.values(columns));
  for (const spec of specs) {
    if (columns[spec.name]) continue;
    const wanted = [spec.name, ...spec.aliases].map(normalizeName);
    const hits = sourceColumns.filter((c) => !used.has(c) && wanted.includes(normalizeName(c)));
    // The earliest alias wins so "event_id" beats "id" when a file has both.
    hits.sort((a, b) => wanted.indexOf(normalizeName(a)) - wanted.indexOf(normalizeName(b)));
    if (hits.length > 0) {
      columns[spec.name] = hits[0];
      used.add(hits[0]);
      if (hits.length > 1)
        warnings.push(
          `${spec.name}: several columns match (${hits.map((h) => `"${h}"`).join(', ')}); using "${hits[0]}". Name the one you mean in a mapping file.`,
        );
    }
  }
  const missing = specs
    .filter((s) => s.required && !columns[s.name] && !optionalRequired.includes(s.name))
    .map((s) => s.name);
  if (missing.length > 0) {
    throw new UserError(
      'required_column_missing',
      `${file}: no column for ${missing.join(', ')} (line 1, the header)`,
      {
        hint: mappable
          ? `The file's columns are: ${available()}. Rename the column, or give --mapping with e.g. {"columns": {"${missing[0]}": "<your column>"}}.`
          : `The file's columns are: ${available()}. Rename the column to ${missing[0]} (or one of the names in README).`,
      },
    );
  }
  return { columns, extra: sourceColumns.filter((c) => !used.has(c)), warnings };
}
