export interface LegendItem {
  label: string;
  color: string;
  shape?: 'line' | 'dash' | 'box' | 'tick' | 'dot';
}

/** A legend in HTML (not inside the SVG), so it wraps and translates like the text around it. */
export function Legend({ items }: { items: LegendItem[] }) {
  return (
    <div className="legend">
      {items.map((i) => (
        <span className="key" key={i.label}>
          <svg width="22" height="12" aria-hidden="true">
            {i.shape === 'box' ? <rect x="4" y="1" width="14" height="10" fill={i.color} /> : null}
            {i.shape === 'tick' ? <rect x="10" width="3" height="12" fill={i.color} /> : null}
            {i.shape === 'dot' ? <circle cx="11" cy="6" r="4.5" fill={i.color} /> : null}
            {!i.shape || i.shape === 'line' || i.shape === 'dash' ? (
              <line
                x1="0"
                y1="6"
                x2="22"
                y2="6"
                stroke={i.color}
                strokeWidth="2.5"
                strokeDasharray={i.shape === 'dash' ? '5 3' : undefined}
              />
            ) : null}
          </svg>
          {i.label}
        </span>
      ))}
    </div>
  );
}
