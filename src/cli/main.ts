// The operator CLI: `npm run cli -- <command>`. Each command lives in its own module; this file
// only dispatches and turns failures into a message and a non-zero exit code.
import { contentCheck, contentExport } from "./content-commands";
import { contentExportFormat, contentImport } from "./format-commands";
import { slackManifest } from "./slack-commands";
import { contentDiff, contentPublish, contentValidate } from "./content-publish-commands";
import { reportCommand } from "./report-command";
import { askCommand, reportLlmCommand, retrieveCommand } from "./tutor-commands";
import { deployCommands } from "./deploy-commands";
import { dbMigrate } from "./db-commands";
import { dashboardLink } from "./dashboard-link-command";
import { loadEnvFile } from "../env-file";

type Handler = (args: string[]) => number | Promise<number>;

const commands: Record<string, { usage: string; run: Handler }> = {
  "content check": {
    usage: "content check [dir]   (default: CONTENT_DIR, else content/)",
    run: (a) => contentCheck(a[0]),
  },
  "content export": {
    usage:
      "content export [--json|--stats] | --course <id> --format gift|moodle|csv [--lang zh|en]",
    run: (a) => (a.includes("--format") ? contentExportFormat(a) : contentExport(a)),
  },
  "content import": {
    usage: "content import <file.gift|file.xml|file.csv> --course <id> --lang <zh|en> --out <dir>",
    run: contentImport,
  },
  "content validate": {
    usage: "content validate <dir|zip|file.yaml>   (checks, like content check; no database)",
    run: (a) => contentValidate(a),
  },
  "content diff": {
    usage: "content diff <dir|zip|file.yaml>   (what publishing would change, learners touched)",
    run: (a) => contentDiff(a),
  },
  "content publish": {
    usage:
      "content publish <dir|zip|file.yaml> [--regrade]   (every instance serves it, no restart)",
    run: (a) => contentPublish(a),
  },
  "slack manifest": {
    usage: "slack manifest [--url https://host] [--out slack/manifest.json|-] [--check]",
    run: slackManifest,
  },
  report: {
    usage: "report [--since YYYY-MM-DD] [--format md|csv] [--course <id>]",
    run: reportCommand,
  },
  retrieve: {
    usage: 'retrieve "<question>" [--json] [--k 5] [--course <id>]',
    run: retrieveCommand,
  },
  ask: { usage: 'ask "<question>"', run: askCommand },
  "report llm": { usage: "report llm [--since YYYY-MM-DD] [--json]", run: reportLlmCommand },
  "deploy-commands": {
    usage: "deploy-commands (registers Discord slash commands; prints the invite URL)",
    run: (a) => deployCommands(a),
  },
  "dashboard-link": {
    usage: "dashboard-link --community <local|discord:<guild id>|slack:<team id>>",
    run: (a) => dashboardLink(a),
  },
  "db migrate": {
    usage: "db migrate   (applies pending migrations to DATABASE_URL)",
    run: (a) => dbMigrate(a),
  },
};

async function main(argv: string[]): Promise<number> {
  // The same .env as `npm start` (the environment wins over it).
  loadEnvFile();
  const key = Object.keys(commands)
    .sort((a, b) => b.length - a.length)
    .find((k) => argv.join(" ").startsWith(k));
  if (!key) {
    console.error(
      `usage: npm run cli -- <command>\n${Object.values(commands)
        .map((c) => `  ${c.usage}`)
        .join("\n")}`,
    );
    return argv.length ? 2 : 0;
  }
  return commands[key].run(argv.slice(key.split(" ").length));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  },
);
