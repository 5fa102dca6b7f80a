// The charts port: the core says what to plot, the app renders it (vega-lite → SVG → PNG).
// Kept out of the core because rendering needs native code and fonts.

export interface MasteryChartData {
  title: string;
  /** One bar per lesson; label should be short (fonts on servers may lack CJK glyphs). */
  bars: { label: string; pct: number }[];
}

export interface ChartPort {
  masteryPng(data: MasteryChartData): Promise<Uint8Array>;
}
