import type { ReactNode } from 'react';
import type { XlsxSheetBody } from '../download.ts';
import { ScrollX } from './ScrollX.tsx';
import { XlsxButton } from './XlsxButton.tsx';

/**
 * A hand-built table with its own XLSX download and the phone scroll box: for tables whose cells are richer than
 * DataTable's columns (badges, links, sort buttons). `sheet` is built only when the button is clicked.
 */
export function TableExport({
  name,
  title,
  sheet,
  children,
}: {
  name: string;
  title: string;
  sheet: () => XlsxSheetBody;
  children: ReactNode;
}) {
  return (
    <div className="table-export">
      <p className="downloads table-downloads">
        <XlsxButton name={name} title={title} sheets={() => [sheet()]} />
      </p>
      <ScrollX>{children}</ScrollX>
    </div>
  );
}
