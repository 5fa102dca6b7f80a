// The messages between the app (worker-charts.ts) and the chart worker thread (chart-worker.ts):
// a request carries an id, its reply echoes it; `ready` says the worker has loaded vega, resvg and
// the fonts and may be sent requests.
import type { MasteryChartData } from "../../core/ports/charts";

export interface RenderRequest {
  id: number;
  data: MasteryChartData;
}

export type WorkerReply =
  | { ready: true }
  | { id: number; png: Uint8Array }
  | { id: number; error: string };
