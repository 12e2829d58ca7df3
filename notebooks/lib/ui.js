// Small display helpers shared by the notebooks. Plain DOM on purpose: the kit's `html` and `Inputs` builtins load
// from a CDN at run time, and these pages must work offline.

const numberFormat = new Intl.NumberFormat("en-US", {maximumFractionDigits: 0});

/** 1234567 → "1,234,567"; null → "–" (the queries return null for what cannot be computed). */
export function number(v, digits = 0) {
  if (v === null || v === undefined) return "–";
  return digits === 0 ? numberFormat.format(v) : v.toLocaleString("en-US", {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

/** 0.1234 → "12.3 %". */
export function percent(v, digits = 1) {
  return v === null || v === undefined ? "–" : `${(v * 100).toFixed(digits)} %`;
}

/** A row of headline figures: [{id, label, value, text, note}]; `value` (full precision) goes to data-value. */
export function figures(items) {
  const row = document.createElement("div");
  row.className = "ll-figures";
  row.style.cssText = "display:flex;flex-wrap:wrap;gap:1.5rem;margin:1rem 0;";
  for (const {id, label, value, text, note} of items) {
    const box = row.appendChild(document.createElement("div"));
    box.style.cssText = "min-width:9rem;";
    const name = box.appendChild(document.createElement("div"));
    name.textContent = label;
    name.style.cssText = "font-size:0.85rem;color:var(--theme-foreground-muted, #666);";
    const figure = box.appendChild(document.createElement("div"));
    if (id) figure.id = id;
    if (value !== undefined && value !== null) figure.dataset.value = String(value);
    figure.textContent = text;
    figure.style.cssText = "font-size:1.6rem;font-variant-numeric:tabular-nums;";
    if (note) {
      const small = box.appendChild(document.createElement("div"));
      small.textContent = note;
      small.style.cssText = "font-size:0.8rem;color:var(--theme-foreground-muted, #666);";
    }
  }
  return row;
}

/** A plain table: columns [{label, value: (row) => text, align}]. */
export function table(rows, columns) {
  const t = document.createElement("table");
  t.style.cssText = "font-variant-numeric:tabular-nums;";
  const head = t.createTHead().insertRow();
  for (const c of columns) {
    const th = head.appendChild(document.createElement("th"));
    th.textContent = c.label;
    th.style.textAlign = c.align ?? "left";
  }
  const body = t.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    for (const c of columns) {
      const td = tr.insertCell();
      td.textContent = c.value(r);
      td.style.textAlign = c.align ?? "left";
    }
  }
  return t;
}

/** "Source: queries/a.sql, queries/b.sql": where a figure comes from, so a reader can open the SQL. */
export function sources(ids) {
  const p = document.createElement("p");
  p.style.cssText = "font-size:0.85rem;color:var(--theme-foreground-muted, #666);";
  p.textContent = `Source: ${ids.map((id) => `queries/${id}.sql`).join(", ")}`;
  return p;
}
