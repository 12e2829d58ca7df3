import { useState } from 'react';
import type { XlsxCellType } from '../../export/xlsx.ts';
import type { CsvValue } from '../../csv.ts';
import { useT } from '../app/lang.ts';
import { downloadXlsx, type XlsxSheetBody } from '../download.ts';

export type XlsxColumnSpec = XlsxSheetBody['columns'][number];

/** A chart's CSV (snake_case header, rows of values) as a sheet; `labels` are the page's column titles where it has them. */
export interface CsvTable {
  header: string[];
  rows: CsvValue[][];
  /** Cell types by column; default: inferred (see cellType). */
  types?: XlsxCellType[];
  /** Column titles in the page's language; default: the CSV header. */
  labels?: string[];
}

/** A column's type when none is given: months and days become dates, numbers stay numbers, the rest text. */
export function cellType(header: string, values: CsvValue[]): XlsxCellType {
  if (/(^|_)month($|_)/.test(header)) return 'month';
  if (/(^|_)(day|date)($|_)/.test(header)) return 'date';
  const first = values.find((v) => v !== null && v !== undefined);
  return typeof first === 'number' ? 'number' : typeof first === 'boolean' ? 'boolean' : 'string';
}

export function csvSheet(name: string, csv: CsvTable): XlsxSheetBody {
  return {
    name,
    columns: csv.header.map((key, i) => ({
      key,
      header: csv.labels?.[i] ?? key,
      type:
        csv.types?.[i] ??
        cellType(
          key,
          csv.rows.map((r) => r[i]),
        ),
    })),
    rows: csv.rows.map((r) => Object.fromEntries(csv.header.map((k, i) => [k, r[i] ?? null]))),
  };
}

/** Rows of objects as a sheet with the given columns (the page's tables: their titles are the headers). */
export function tableSheet<T>(
  name: string,
  columns: (XlsxColumnSpec & { value: (row: T) => string | number | boolean | null })[],
  rows: T[],
): XlsxSheetBody {
  return {
    name,
    columns: columns.map(({ key, header, type }) => ({ key, header, type })),
    rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, c.value(r)]))),
  };
}

/**
 * The XLSX download button: `sheets` is called on click (tables are built only when asked for); a failed download
 * says why next to the button instead of failing silently.
 */
export function XlsxButton({
  name,
  title,
  sheets,
}: {
  name: string;
  title: string;
  sheets: () => XlsxSheetBody[] | Promise<XlsxSheetBody[]>;
}) {
  const { lang, tr } = useT();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const click = async () => {
    setState({ busy: true, error: null });
    try {
      await downloadXlsx(`${name}-${lang}`, lang, await sheets());
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: (e as Error).message });
    }
  };
  return (
    <>
      <button
        type="button"
        aria-label={tr('download.label', { title, format: 'XLSX' })}
        disabled={state.busy}
        onClick={() => void click()}
        data-xlsx={name}
      >
        {tr('download.xlsx')}
      </button>
      {state.error ? (
        <span className="download-error" role="alert">
          {tr('download.failed', { message: state.error })}
        </span>
      ) : null}
    </>
  );
}

/** A table's title with its XLSX download, laid out like a chart's caption. */
export function TableTitle({ id, title, sheet }: { id: string; title: string; sheet: () => XlsxSheetBody }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 8 }}>
      <h3 style={{ margin: 0 }}>{title}</h3>
      <span className="downloads">
        <XlsxButton name={id} title={title} sheets={() => [sheet()]} />
      </span>
    </div>
  );
}
