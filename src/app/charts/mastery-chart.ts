// The ChartPort implementation: a vega-lite bar chart of mastery per lesson, compiled to vega,
// rendered headless to SVG (`view.toSVG()`, no canvas needed), then rasterised to PNG by resvg.
// Labels stay ASCII ("L1"…) because server fonts often lack CJK glyphs.
import { Resvg } from "@resvg/resvg-js";
import type * as vl from "vega-lite";
import type { ChartPort, MasteryChartData } from "../../core/ports/charts";

export function masterySpec(data: MasteryChartData): vl.TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: data.title,
    width: 420,
    height: { step: 22 },
    background: "white",
    padding: 12,
    data: {
      values: data.bars.map((b) => ({
        lesson: b.label,
        mastery: Math.max(0, Math.min(100, b.pct)),
      })),
    },
    layer: [
      {
        mark: { type: "bar", color: "#4c78a8" },
        encoding: {
          y: { field: "lesson", type: "nominal", sort: null, title: null },
          x: {
            field: "mastery",
            type: "quantitative",
            scale: { domain: [0, 100] },
            title: "mastery %",
          },
        },
      },
      {
        mark: { type: "text", align: "left", dx: 4, color: "#333" },
        encoding: {
          y: { field: "lesson", type: "nominal", sort: null },
          x: { field: "mastery", type: "quantitative" },
          text: { field: "mastery", type: "quantitative" },
        },
      },
    ],
  };
}

export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  // Loaded on first use: vega-lite is large (start-up time), and importing it early breaks the
  // util.inspect copy bundled in discord.js's event emitter under the test runner.
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function svgToPng(svg: string): Uint8Array {
  const png = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "zoom", value: 2 },
  })
    .render()
    .asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

export const vegaCharts: ChartPort = {
  async masteryPng(data) {
    return svgToPng(await renderSvg(masterySpec(data)));
  },
};
