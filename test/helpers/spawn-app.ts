// Runs the real entry point (src/main.ts) as a child process, as `npm start` would, capturing
// its stdout and stderr, and waits until /healthz answers.
import { spawn, type ChildProcess } from "node:child_process";
import { get } from "./http";

export interface SpawnedApp {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  waitForLog(text: string, timeoutMs?: number): Promise<void>;
}

export function spawnApp(env: Record<string, string>): SpawnedApp {
  // node --import tsx is what `tsx src/main.ts` does, minus the wrapper process, so signals reach the app itself.
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", CONSOLE: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => {
    out += c.toString("utf8");
  });
  child.stderr!.on("data", (c: Buffer) => {
    out += c.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return {
    child,
    output: () => out,
    exited,
    async waitForLog(text, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (!out.includes(text)) {
        if (child.exitCode !== null)
          throw new Error(`app exited (${child.exitCode}) before logging "${text}":\n${out}`);
        if (Date.now() > until)
          throw new Error(`app did not log "${text}" in ${timeoutMs} ms:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

export async function waitForHealthy(
  port: number,
  app: SpawnedApp,
  timeoutMs = 20_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (app.child.exitCode !== null)
      throw new Error(`app exited (${app.child.exitCode}):\n${app.output()}`);
    try {
      if ((await get(port, "/healthz")).status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`app not healthy in ${timeoutMs} ms:\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
