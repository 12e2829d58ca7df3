import type { ReactNode } from 'react';
import type { XlsxCellType } from '../../export/xlsx.ts';
import { tableSheet, TableTitle } from './XlsxButton.tsx';
import { ScrollX } from './ScrollX.tsx';

export interface Column<T> {
  key: string;
  header: string;
  type: XlsxCellType;
  /** The cell's value in the workbook (numbers stay numbers). */
  value: (row: T) => string | number | boolean | null;
  /** What the page shows; default: the value as text. */
  show?: (row: T) => ReactNode;
  /** Right-aligned number column. */
  num?: boolean;
  title?: string;
}

/**
 * A titled table whose columns are declared once and serve both the page and its XLSX download, so the sheet has
 * the page's column titles (in the page's language) and the unformatted numbers.
 */
export function DataTable<T>({
  id,
  title,
  columns,
  rows,
  rowKey,
  rowClass,
  testId,
}: {
  id: string;
  title: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T, i: number) => string;
  rowClass?: (row: T) => string | undefined;
  testId?: string;
}) {
  return (
    <section className="table-box" data-table={id}>
      <TableTitle id={id} title={title} sheet={() => tableSheet(title, columns, rows)} />
      <ScrollX>
        <table data-testid={testId ?? id}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} className={c.num ? 'num' : undefined} title={c.title}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={rowKey(r, i)} className={rowClass?.(r)}>
                {columns.map((c) => (
                  <td key={c.key} className={c.num ? 'num' : undefined}>
                    {c.show ? c.show(r) : String(c.value(r) ?? '—')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    </section>
  );
}
