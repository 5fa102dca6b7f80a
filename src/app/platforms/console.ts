// The terminal chat in the registry, a peer of Discord and Slack: main.ts turns it on (CONSOLE=on,
// or auto with no other platform); it reads standard input until its end and prints scheduled
// lessons and reminders in the same terminal.
import { join } from "node:path";
import { runConsole } from "../../adapters/console/console-chat";
import { CONSOLE } from "../../adapters/console/identity";
import { identityFields, type RunningPlatform } from "../../adapters/platform/contract";
import { dataDir } from "../../db/url";
import { consoleSender } from "./console-sender";
import type { PlatformModule } from "./registry";

export interface ConsoleStartOptions {
  /** Who types: the learner's id and name in this terminal. */
  user: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

export interface ConsoleRuntime extends RunningPlatform {
  /** Resolves at the end of input (or /quit). */
  done: Promise<void>;
}

export const consolePlatform: PlatformModule = {
  identity: CONSOLE,
  enabled: (_config, opts) => opts.console !== undefined,
  needsHttp: () => false,
  async start(app, env): Promise<ConsoleRuntime> {
    const o = env.opts.console!;
    const output = o.output ?? process.stdout;
    const done = runConsole({
      bot: app.bot,
      input: o.input,
      output,
      // Attachments (/export, charts) are saved next to the database.
      exportDir: join(dataDir(app.config.DATABASE_URL), "exports"),
      actor: {
        ...identityFields(CONSOLE),
        workspaceId: "local",
        userId: o.user,
        displayName: o.user,
        isAdmin: true,
        isDirectMessage: true,
      },
    });
    return { name: CONSOLE.name, sender: consoleSender(output), done, stop: async () => {} };
  },
};
