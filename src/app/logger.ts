// Structured JSON logs (pino) on stderr, so the console chat on stdout stays clean. Every line
// passes through a scrubber that replaces configured secret values, wherever they appear, and
// repeated warnings and errors are rate-limited with a count.
import pino from "pino";
import type { Logger } from "../core/ports/logger";
import { floodLimited } from "./log-flood";

export function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join("[redacted]");
  return out;
}

export function createLogger(opts: {
  level?: string;
  secrets: string[];
  destination?: NodeJS.WritableStream;
}): Logger & { flush(): void } {
  const dest = opts.destination ?? pino.destination({ fd: 2, sync: true });
  const scrubbed = {
    write: (line: string) =>
      (dest as { write(s: string): unknown }).write(scrub(line, opts.secrets)),
  };
  const logger = pino(
    {
      level: opts.level ?? "info",
      base: { app: "coursebot" },
      redact: {
        paths: [
          "*.token",
          "*.apiKey",
          "*.password",
          "*.authorization",
          "headers.authorization",
          "*.signingSecret",
        ],
        censor: "[redacted]",
      },
    },
    scrubbed,
  );
  // Floods of one warning or error (an outage) are cut to a few lines and a count: log-flood.ts.
  return floodLimited({
    info: (o, m) => logger.info(o, m),
    warn: (o, m) => logger.warn(o, m),
    error: (o, m) => logger.error(o, m),
    debug: (o, m) => logger.debug(o, m),
    flush: () => logger.flush?.(),
  });
}
