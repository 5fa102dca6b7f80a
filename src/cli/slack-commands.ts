// `npm run cli -- slack manifest [--url https://host] [--out slack/manifest.json] [--check]`:
// writes the Slack app manifest generated from the command list, or (--check) fails when the
// committed one has drifted from it. SLACK_COMMAND and SLACK_COMMAND_ALIASES choose the slash
// commands, as at run time.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { buildManifest, manifestDrift } from "../adapters/slack/manifest";
import { buildCommands } from "../core/commands/registry";
import { ConfigError, configuredSlackCommand } from "../config";

export const DEFAULT_MANIFEST_PATH = "slack/manifest.json";

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function slackManifest(args: string[]): number {
  const out = flag(args, "--out") ?? DEFAULT_MANIFEST_PATH;
  const commands = buildCommands();
  let slash: ReturnType<typeof configuredSlackCommand>;
  try {
    slash = configuredSlackCommand();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  if (args.includes("--check")) {
    const problems = manifestDrift(JSON.parse(readFileSync(out, "utf8")), commands, slash);
    if (problems.length) {
      console.error(
        `${out} is out of date:\n  ${problems.join("\n  ")}\nRun: npm run cli -- slack manifest`,
      );
      return 1;
    }
    console.log(
      `${out} matches /${slash.command} and the ${commands.length} commands${slash.aliases ? " (with aliases)" : ""}.`,
    );
    return 0;
  }
  const url = flag(args, "--url");
  if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url)) {
    console.error(
      `--url must be the public base URL of the bot, e.g. https://quiz.example.edu (got "${url}")`,
    );
    return 2;
  }
  const text = `${JSON.stringify(buildManifest(commands, { url, slash }), null, 2)}\n`;
  if (out === "-") process.stdout.write(text);
  else {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
    console.log(
      `wrote ${out} (/${slash.command}${slash.aliases ? ` + ${commands.length} aliases` : ` <one of ${commands.length} commands>`}, ${url ? `HTTP mode at ${url}` : "Socket Mode"})`,
    );
  }
  return 0;
}
