// The chart worker's entry when the app runs from src/ (tsx, the tests): registers tsx's loader in
// this thread, then loads chart-worker.ts. A worker thread does not inherit the loader on Node 20
// (tsx registers itself in the main thread only there), hence this file rather than
// `execArgv: ["--import", "tsx"]`. The build runs dist/chart-worker.js directly.
import { register } from "tsx/esm/api";

register();
await import("./chart-worker.ts");
