// `npm run cli -- slack manifest [--url https://host] [--out slack/manifest.json] [--check]`:
// writes the Slack app manifest generated from the command list, or (--check) fails when the
// committed one has drifted from it.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { buildManifest, manifestDrift } from "../adapters/slack/manifest";
import { buildCommands } from "../core/commands/registry";

export const DEFAULT_MANIFEST_PATH = "slack/manifest.json";

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function slackManifest(args: string[]): number {
  const out = flag(args, "--out") ?? DEFAULT_MANIFEST_PATH;
  const commands = buildCommands();
  if (args.includes("--check")) {
    const problems = manifestDrift(JSON.parse(readFileSync(out, "utf8")), commands);
    if (problems.length) {
      console.error(`${out} is out of date:\n  ${problems.join("\n  ")}\nRun: npm run cli -- slack manifest`);
      return 1;
    }
    console.log(`${out} matches the ${commands.length} commands.`);
    return 0;
  }
  const url = flag(args, "--url");
  if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url)) {
    console.error(`--url must be the public base URL of the bot, e.g. https://quiz.example.edu (got "${url}")`);
    return 2;
  }
  const text = JSON.stringify(buildManifest(commands, { url }), null, 2) + "\n";
  if (out === "-") process.stdout.write(text);
  else {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
    console.log(`wrote ${out} (${commands.length} slash commands, ${url ? `HTTP mode at ${url}` : "Socket Mode"})`);
  }
  return 0;
}
