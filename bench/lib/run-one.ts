// Runs one benchmark module in a process of its own and writes its result (JSON) to a file:
// bench/run.ts starts one such process per module, so no module measures another's leftovers
// (the chart module loads vega on the main thread, after which discord.js's REST client in the
// fan-out module failed; a heap or a pool left by one module would also skew the next).
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { BenchResult } from "./stats";

const [file, out] = process.argv.slice(2);
const mod = (await import(pathToFileURL(file).href)) as { default: () => Promise<BenchResult> };
const result = await mod.default();
writeFileSync(out, JSON.stringify(result));
// A module may leave timers, sockets or workers behind; its result is safe on disk.
process.exit(0);
