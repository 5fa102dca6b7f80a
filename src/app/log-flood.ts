// Keeps one failure from flooding the log: a database outage makes every tick and request fail
// the same way, several times a second. Per level and message, the first BURST lines in each
// WINDOW_MS pass; the rest are counted, and one line at the end of the window says how many
// were left out ({ suppressed: n }). Info and debug lines are not limited.
import type { Logger } from "../core/ports/logger";

export const WINDOW_MS = 10_000;
export const BURST = 3;

export function floodLimited<L extends Logger>(
  inner: L,
  opts: { windowMs?: number; burst?: number } = {},
): L {
  const windowMs = opts.windowMs ?? WINDOW_MS;
  const burst = opts.burst ?? BURST;
  const windows = new Map<
    string,
    { start: number; passed: number; dropped: number; timer?: NodeJS.Timeout }
  >();
  const limited = (level: "warn" | "error") => (obj: object, msg?: string) => {
    const key = `${level}\u0000${msg ?? ""}`;
    const now = Date.now();
    let w = windows.get(key);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, passed: 0, dropped: 0 };
      windows.set(key, w);
    }
    if (w.passed < burst) {
      w.passed++;
      inner[level](obj, msg);
      return;
    }
    w.dropped++;
    if (w.timer) return;
    const current = w;
    current.timer = setTimeout(
      () => {
        inner[level]({ suppressed: current.dropped, windowMs }, msg);
        if (windows.get(key) === current) windows.delete(key);
      },
      Math.max(0, current.start + windowMs - now),
    );
    current.timer.unref();
  };
  return { ...inner, warn: limited("warn"), error: limited("error") };
}
