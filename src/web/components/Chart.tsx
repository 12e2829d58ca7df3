import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'react';
import { FULL_WIDTH } from '../../charts/common.ts';
import { columnTitle } from '../../i18n/columns.ts';
import { useT } from '../app/lang.ts';
import { useShownLine } from '../app/shown.ts';
import { CHART_QUERIES, sourceFiles } from '../app/sources.ts';
import { downloadCsv, downloadPng, downloadSvg } from '../download.ts';
import { Legend, type LegendItem } from './Legend.tsx';
import { csvSheet, XlsxButton, type CsvTable } from './XlsxButton.tsx';

/** Plot's width when a spec names none. */
const DEFAULT_WIDTH = 640;
/** Narrower than this a chart's labels collide; its box scrolls instead. */
const MIN_WIDTH = 300;
/** The least room a chart's marks get between its margins. */
const PLOT_MIN = 120;

/**
 * The width a chart is drawn at in a box: full-width charts (the report's A4 width) stretch to a wide box; any chart
 * narrows to a box smaller than itself, down to MIN_WIDTH, so its text keeps the size it was designed with.
 */
export function chartWidth(specWidth: number, box: number, margins = 0, least = 0): number {
  if (box <= 0) return specWidth;
  if (specWidth >= FULL_WIDTH && box > specWidth) return box;
  // Wide label margins (long rule names) leave the plot area at least PLOT_MIN wide.
  return box < specWidth ? Math.min(specWidth, Math.max(box, MIN_WIDTH, margins + PLOT_MIN, least)) : specWidth;
}

export interface ChartProps {
  /** Stable id: the file name of downloads and the test hook (data-chart). */
  id: string;
  title: string;
  spec: Plot.PlotOptions | null;
  /**
   * The numbers behind the chart, downloadable as CSV and XLSX (optional column types and translated titles), built
   * on click by the reshaping worker from the rows the chart draws (chartCsv in src/web/reshape.ts): the page itself
   * builds no table.
   */
  csv: () => Promise<CsvTable>;
  legend?: LegendItem[];
  caption?: string;
  /** What the chart shows when the page's pickers do not say it (a ranking period, an experiment): for downloads. */
  shown?: string;
  /** Called with the datum under the pointer when the chart is clicked (cross-filter). */
  onPick?: (datum: unknown) => void;
  /** The narrowest the chart reads at (a heatmap whose cells carry labels); a narrower box scrolls instead. */
  minWidth?: number;
}

/**
 * Draws a Plot spec in the browser, with its downloads (SVG, PNG, CSV, XLSX). A spec that fails to draw shows its own
 * error here instead of taking the page down.
 */
export function Chart({ id, title, spec, csv, legend, caption, shown, onPick, minWidth }: ChartProps) {
  const { lang, tr } = useT();
  const box = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  // The box's width, so a chart is drawn again (not shrunk) when a phone turns or a window narrows.
  const [boxWidth, setBoxWidth] = useState(0);
  // Drawn wider than its box (a phone): the box scrolls, and a cue says so, as under a wide table.
  const [wide, setWide] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the box element appears and goes with the spec, not its content.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setBoxWidth(Math.floor(el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [spec === null]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: drawn again for a new spec or box width; pick is read through a ref.
  useEffect(() => {
    const el = box.current;
    if (!el || !spec) return;
    let figure: (SVGSVGElement | HTMLElement) & Plot.Plot;
    try {
      const width = chartWidth(
        spec.width ?? DEFAULT_WIDTH,
        Math.floor(el.clientWidth),
        (spec.marginLeft ?? 0) + (spec.marginRight ?? 0),
        minWidth,
      );
      // Drawn at its own width, never scaled down: below MIN_WIDTH the box scrolls instead of the text shrinking.
      figure = Plot.plot({
        ...spec,
        width,
        style: { fontSize: '12px', background: 'white', overflow: 'visible', maxWidth: 'none' },
      });
      setError(null);
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    el.replaceChildren(figure);
    setWide(el.scrollWidth > el.clientWidth + 1);
    const click = () => {
      const v = (figure as unknown as { value: unknown }).value;
      if (v !== null && v !== undefined) pick.current?.(v);
    };
    figure.addEventListener('click', click);
    if (pick.current) figure.classList.add('pickable');
    return () => {
      figure.removeEventListener('click', click);
      figure.remove();
    };
  }, [spec, boxWidth, minWidth]);

  // A figure may hold a colour legend's small SVG before the chart's own: download the largest.
  const svg = () => {
    const all = [...(box.current?.querySelectorAll('svg') ?? [])] as SVGSVGElement[];
    const area = (e: SVGSVGElement) => e.getBoundingClientRect().width * e.getBoundingClientRect().height;
    return all.sort((a, b) => area(b) - area(a))[0] ?? null;
  };
  const name = `${id}-${lang}`;
  const source = sourceFiles(CHART_QUERIES[id]);
  // Downloads carry the page's column titles; the chart's own keys are the API's.
  const titled = async (): Promise<CsvTable> => {
    const t = await csv();
    return { ...t, labels: t.labels ?? t.header.map((k) => columnTitle(lang, k)) };
  };
  const label = (format: string) => tr('download.label', { title, format });
  const pageShown = useShownLine();
  // Downloaded images carry what the page shows around the chart: title, legend, period and filter, source query.
  const frame = () => ({
    title,
    legend: legend ?? [],
    notes: [shown ?? pageShown, caption, source ? `${tr('chart.source')}${source}` : null].filter(
      (n): n is string => !!n,
    ),
  });
  return (
    <figure className="chart" data-chart={id}>
      <figcaption>
        <h3>{title}</h3>
        <span className="downloads">
          <button
            type="button"
            aria-label={label('SVG')}
            onClick={() => {
              const s = svg();
              if (s) downloadSvg(name, s, frame());
            }}
          >
            {tr('download.svg')}
          </button>
          <button
            type="button"
            aria-label={label('PNG')}
            onClick={() => {
              const s = svg();
              if (s) void downloadPng(name, s, frame());
            }}
          >
            {tr('download.png')}
          </button>
          <button
            type="button"
            aria-label={label('CSV')}
            onClick={() =>
              void titled().then(
                (t) => downloadCsv(name, t.labels!, t.rows),
                (e: Error) => setError(e.message),
              )
            }
          >
            {tr('download.csv')}
          </button>
          <XlsxButton name={id} title={title} sheets={async () => [csvSheet(title, await titled())]} />
        </span>
      </figcaption>
      {legend ? <Legend items={legend} /> : null}
      {error ? (
        <div className="error-box" role="alert">
          {tr('app.error', { message: error })}
        </div>
      ) : null}
      {spec ? <div className="plot" ref={box} /> : <p className="chart-empty">{tr('chart.empty')}</p>}
      {spec && wide ? (
        <p className="scroll-cue" data-scroll-cue>
          {tr('chart.scroll_cue')}
        </p>
      ) : null}
      {caption ? <p className="caption">{caption}</p> : null}
      {source ? (
        <p className="source">
          {tr('chart.source')}
          <code translate="no">{source}</code>
        </p>
      ) : null}
    </figure>
  );
}
