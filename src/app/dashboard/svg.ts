// Charts as inline SVG, drawn on the server: readable without JavaScript (every bar and cell
// carries its number as text or a <title>), small (no library, no script) and scaled by the
// browser to the phone's width through viewBox.
import { html, type SafeHtml } from "./html";

const W = 640;

/** A bar chart of one series: label under every `labelEvery`-th bar, the value on every bar. */
export function barChart(opts: {
  title: string;
  labels: string[];
  values: number[];
  labelEvery?: number;
  height?: number;
}): SafeHtml {
  const h = opts.height ?? 200;
  const top = 18;
  const bottom = 34;
  const left = 8;
  const n = Math.max(1, opts.values.length);
  const max = Math.max(1, ...opts.values);
  const slot = (W - left * 2) / n;
  const bw = Math.max(2, slot * 0.72);
  const every = opts.labelEvery ?? Math.ceil(n / 8);
  const bars = opts.values.map((v, i) => {
    const bh = Math.round(((h - top - bottom) * v) / max);
    const x = left + i * slot + (slot - bw) / 2;
    const y = h - bottom - bh;
    return html`<g><title>${opts.labels[i]}: ${v}</title><rect x="${x.toFixed(1)}" y="${y}" width="${bw.toFixed(1)}" height="${Math.max(bh, v ? 1 : 0)}" class="bar"></rect>${
      n <= 31
        ? html`<text x="${(x + bw / 2).toFixed(1)}" y="${y - 4}" text-anchor="middle" class="val">${v}</text>`
        : ""
    }${
      i % every === 0
        ? html`<text x="${(x + bw / 2).toFixed(1)}" y="${h - bottom + 14}" text-anchor="middle" class="lbl">${opts.labels[i]}</text>`
        : ""
    }</g>`;
  });
  return html`<svg viewBox="0 0 ${W} ${h}" role="img" aria-label="${opts.title}" class="chart"><title>${opts.title}</title><line x1="${left}" x2="${W - left}" y1="${h - bottom}" y2="${h - bottom}" class="axis"></line>${bars}</svg>`;
}

/** Cell colour: light to dark blue by share of the row; dark cells get light text. */
function shade(share: number): { fill: string; text: string } {
  const l = Math.round(96 - share * 60);
  return { fill: `hsl(214 70% ${l}%)`, text: l < 60 ? "#fff" : "#111" };
}

/** A heat map: one row per label, one column per bucket, the count written in every cell. */
export function heatMap(opts: {
  title: string;
  columns: string[];
  rows: { label: string; counts: number[] }[];
}): SafeHtml {
  const labelW = 220;
  const cw = (W - labelW) / opts.columns.length;
  const rh = 22;
  const head = 20;
  const h = head + rh * opts.rows.length + 2;
  const cells = opts.rows.map((r, ri) => {
    const total = r.counts.reduce((a, b) => a + b, 0);
    const y = head + ri * rh;
    return html`<g><text x="${labelW - 6}" y="${y + 15}" text-anchor="end" class="lbl">${
      r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label
    }</text>${r.counts.map((c, ci) => {
      const s = shade(total ? c / total : 0);
      const x = labelW + ci * cw;
      return html`<g><title>${r.label} ${opts.columns[ci]}: ${c}</title><rect x="${x.toFixed(1)}" y="${y}" width="${(cw - 2).toFixed(1)}" height="${rh - 2}" fill="${s.fill}"></rect><text x="${(x + cw / 2).toFixed(1)}" y="${y + 15}" text-anchor="middle" fill="${s.text}" class="val">${c}</text></g>`;
    })}</g>`;
  });
  const heads = opts.columns.map(
    (c, ci) =>
      html`<text x="${(labelW + ci * cw + cw / 2).toFixed(1)}" y="14" text-anchor="middle" class="lbl">${c}</text>`,
  );
  return html`<svg viewBox="0 0 ${W} ${h}" role="img" aria-label="${opts.title}" class="chart"><title>${opts.title}</title>${heads}${cells}</svg>`;
}
