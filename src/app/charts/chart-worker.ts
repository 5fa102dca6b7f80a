// The chart worker thread's entry (started by worker-charts.ts; dist/chart-worker.js in the build):
// renders mastery charts with vega and resvg (mastery-chart.ts) away from the bot's event loop,
// one at a time in arrival order, and replies to each request by its id.
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import type { MasteryChartData } from "../../core/ports/charts";
import type { RenderRequest, WorkerReply } from "./chart-messages";
import { masterySpec, renderSvg, svgToPng } from "./mastery-chart";

const port = parentPort;
if (!port) throw new Error("chart-worker runs as a worker thread (worker-charts.ts starts it)");

// On Linux the nice value belongs to the thread, so this lowers the renders only: on a busy
// 2-core machine the bot's event loop gets the CPU first and a chart waits a little instead.
// (Elsewhere it would lower the whole process, so it is left alone there.)
if (process.platform === "linux") {
  try {
    setPriority(10);
  } catch {
    // Not permitted in some sandboxes: renders then run at the bot's priority, as before.
  }
}

const reply = (m: WorkerReply, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

async function render(data: MasteryChartData): Promise<Uint8Array> {
  return svgToPng(await renderSvg(masterySpec(data)));
}

// The first render loads vega, vega-lite and resvg's fonts (about 0.6 s): done here at start-up,
// so the app's first request waits only for a warm render. A failure here ends the thread, which
// the app reports to whoever waits for it.
await render({
  title: "Mastery per lesson (%)",
  bars: Array.from({ length: 6 }, (_, i) => ({ label: `L${i + 1}`, pct: i * 20 })),
});

// Renders run one after another (each is CPU work; interleaving them would only delay all).
let chain = Promise.resolve();
port.on("message", (req: RenderRequest) => {
  chain = chain.then(async () => {
    try {
      // A copy this thread owns outright, so the reply moves it to the app instead of copying it.
      const png = new Uint8Array(await render(req.data));
      reply({ id: req.id, png }, [png.buffer as ArrayBuffer]);
    } catch (e) {
      reply({ id: req.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
});
reply({ ready: true });
