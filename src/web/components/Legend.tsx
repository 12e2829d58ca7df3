import { createElement } from 'react';
import { type SwatchShape, swatchElement } from '../legend-swatch.ts';

export interface LegendItem {
  label: string;
  color: string;
  shape?: SwatchShape;
}

/** A legend in HTML (not inside the SVG), so it wraps and translates like the text around it. */
export function Legend({ items }: { items: LegendItem[] }) {
  return (
    <div className="legend">
      {items.map((i) => (
        <span className="key" key={i.label}>
          <svg width="22" height="12" aria-hidden="true">
            {swatchJsx(i)}
          </svg>
          {i.label}
        </span>
      ))}
    </div>
  );
}

/** React wants camelCase for SVG attributes that have a dash. */
function swatchJsx(item: LegendItem) {
  const { tag, attrs } = swatchElement(item.shape, item.color);
  const props = Object.fromEntries(
    Object.entries(attrs).map(([k, v]) => [k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v]),
  );
  return createElement(tag, props);
}
