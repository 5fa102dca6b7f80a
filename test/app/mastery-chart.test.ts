// The mastery chart renders through vega-lite → vega SVG → resvg PNG.
import { describe, expect, it } from "vitest";
import { masterySpec, renderSvg, vegaCharts } from "../../src/app/charts/mastery-chart";

const data = {
  title: "Mastery per lesson (%)",
  bars: [
    { label: "L1", pct: 40 },
    { label: "L2", pct: 90 },
    { label: "L3", pct: 0 },
  ],
};

describe("mastery chart", () => {
  it("draws one bar per lesson with its label", async () => {
    const svg = await renderSvg(masterySpec(data));
    expect(svg.startsWith("<svg")).toBe(true);
    for (const l of ["L1", "L2", "L3", "Mastery per lesson (%)"]) expect(svg).toContain(l);
  });
  it("returns a PNG", async () => {
    const png = await vegaCharts.masteryPng(data);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Width and height from the IHDR chunk: a real image, not an empty canvas.
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(16)).toBeGreaterThan(400);
    expect(view.getUint32(20)).toBeGreaterThan(60);
  });
});
