// Issue 15, authoring without redeploys, end to end on ONE PostgreSQL database: instance A
// answers Discord (signed HTTP interactions), instance B answers Slack (signed HTTP requests),
// both with the default CONTENT_POLL_SECONDS. A changed course is uploaded three ways, and each
// time the OTHER instance serves the new version within 10 s, with no restart:
//   1. Discord: /content upload with an attachment (downloaded from a local fake CDN), Publish
//      → B's /glossary shows the new text;
//   2. Slack: /coursebot content upload opens a file form (file_input), the submitted file is
//      downloaded from url_private with the bot token, Publish → A's /glossary shows it;
//   3. CLI: `npm run cli -- content publish <dir>` (a spawned process) → A and B both show it.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCourseBundle } from "../../src/app/content-files";
import { FakeClock } from "../../src/core/clock";
import { createTestDatabaseUrl } from "../helpers/db";
import {
  component,
  makeKeys,
  post,
  slash,
  startDiscordApp,
  startFakeDiscord,
  type FakeDiscord,
  type Keys,
  type Running,
  type UserSpec,
} from "../helpers/discord";
import { startFakeCdn, type FakeCdn } from "../helpers/fake-cdn";
import { postSigned, startFakeSlack, type FakeSlack } from "../helpers/fake-slack";
import {
  interactive,
  respondedAt,
  SLACK_SECRET,
  startSlackTestApp,
  textOf,
  type SlackTestApp,
} from "../helpers/slack-app";

const run = promisify(execFile);
const TERM = "generative-ai";
const ORIGINAL = "AI that learns patterns from data";
/** Manage Server: an admin on Discord. */
const teacher: UserSpec = { id: "555000000000000009", name: "Teacher", permissions: "32" };

let fakeDiscord: FakeDiscord;
let fakeSlack: FakeSlack;
let cdn: FakeCdn;
let keys: Keys;
let a: Running;
let b: SlackTestApp;
let dbUrl: string;
let drop: () => Promise<void>;
let work: string;

beforeAll(async () => {
  fakeDiscord = await startFakeDiscord();
  fakeSlack = await startFakeSlack();
  fakeSlack.users.U1 = { is_admin: true, name: "teacher" };
  cdn = await startFakeCdn();
  keys = makeKeys();
  const db = await createTestDatabaseUrl("postgres");
  [dbUrl, drop] = [db.url, db.drop];
  const clock = new FakeClock("2026-03-02T09:00:00Z");
  const env = { DATABASE_POOL_SIZE: "4" };
  a = await startDiscordApp({ databaseUrl: dbUrl, keys, fake: fakeDiscord, clock, env });
  b = await startSlackTestApp(fakeSlack, dbUrl, clock, env);
  work = mkdtempSync(join(tmpdir(), "coursebot-publish-"));
}, 60_000);
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await Promise.all([fakeDiscord?.close(), fakeSlack?.close(), cdn?.close()]);
  await drop?.();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The course with the term's English definition marked with `mark`. */
function courseFiles(mark: string) {
  return readCourseBundle("content/llm-basics").map((f) =>
    f.path === "glossary/l01-generative-ai.yaml"
      ? { ...f, text: f.text.replace(`en: ${ORIGINAL}`, `en: ${mark} ${ORIGINAL}`) }
      : f,
  );
}
const zipOf = (files: { path: string; text: string }[]) =>
  zipSync(Object.fromEntries(files.map((f) => [`course/${f.path}`, strToU8(f.text)])));

/** Asks `ask` until `seen` holds, for at most 10 s (the poll's deadline, not a speed test). */
async function within10s(what: string, ask: () => Promise<string>, mark: string) {
  const deadline = Date.now() + 10_000;
  let last = "";
  while (Date.now() < deadline) {
    last = await ask();
    if (last.includes(mark)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${what} did not serve "${mark}" within 10 s; last answer: ${last.slice(0, 300)}`,
  );
}

const discordGlossary = async () => {
  const r = await post(
    a.base,
    keys,
    slash(teacher, "glossary", [{ name: "term", type: 3, value: TERM }]),
  );
  return JSON.stringify(r.json);
};
const slackGlossary = async () => {
  const url = await b.command("glossary", TERM);
  return textOf(await fakeSlack.waitFor(respondedAt(url), "the /glossary answer"));
};
const buttons = (msg: any): any[] => (msg?.components ?? []).flatMap((r: any) => r.components);

describe("publishing without a redeploy, on PostgreSQL", () => {
  it("a Discord upload is served by the Slack instance within 10 s", async () => {
    expect(await slackGlossary()).toContain(ORIGINAL);
    const file = cdn.add("course.zip", zipOf(courseFiles("V1-DISCORD")));
    const cmd = slash(teacher, "content", [
      { name: "upload", type: 1, options: [{ name: "file", type: 11, value: file.id }] },
    ]) as any;
    cmd.data.resolved = {
      attachments: {
        [file.id]: { id: file.id, filename: "course.zip", size: file.size, url: file.url },
      },
    };
    const preview = await post(a.base, keys, cmd);
    expect(preview.status).toBe(200);
    expect(cdn.downloads).toContain(new URL(file.url).pathname);
    const shown = JSON.stringify(preview.json);
    expect(shown).toContain("Glossary terms changed: 1");
    const publish = buttons(preview.json.data).find((c) =>
      c.custom_id?.startsWith("content:publish:"),
    );
    expect(publish, shown.slice(0, 500)).toBeDefined();
    const done = await post(a.base, keys, component(teacher, publish.custom_id));
    expect(JSON.stringify(done.json)).toContain("Published version 1.");
    await within10s("the Slack instance", slackGlossary, "V1-DISCORD");
  }, 40_000);

  it("a Slack upload (file form) is served by the Discord instance within 10 s", async () => {
    const url = await b.command("content", "upload");
    const opened = await fakeSlack.waitFor(
      (c) => c.method === "views.open" && c.body.view?.callback_id === "slack.file",
      "the file form",
    );
    expect(JSON.stringify(opened.body.view.blocks)).toContain('"file_input"');
    const file = fakeSlack.addFile("course.zip", zipOf(courseFiles("V2-SLACK")), "xoxb-test-token");
    const payload = {
      type: "view_submission",
      team: { id: "T1", domain: "school" },
      user: { id: "U1", team_id: "T1", username: "teacher" },
      api_app_id: "A1",
      token: "legacy",
      trigger_id: "trig-2",
      view: {
        id: "V1",
        type: "modal",
        callback_id: "slack.file",
        private_metadata: opened.body.view.private_metadata,
        state: { values: { file: { upload: { type: "file_input", files: [file] } } } },
      },
    };
    const res = await postSigned(
      b.endpoint,
      SLACK_SECRET,
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      "form",
    );
    expect(res.status).toBe(200);
    const preview = await fakeSlack.waitFor(
      (c) => respondedAt(url)(c) && textOf(c).includes("content:publish:"),
      "the preview with its Publish button",
    );
    expect(fakeSlack.calls.some((c) => c.method === "files-pri" && c.status === 200)).toBe(true);
    const publish = interactive(preview.body.blocks).find((e) =>
      e.action_id.startsWith("content:publish:"),
    )!;
    const done = await b.action(publish);
    const reply = await fakeSlack.waitFor(respondedAt(done), "the Publish answer");
    expect(textOf(reply)).toContain("Published version 2.");
    await within10s("the Discord instance", discordGlossary, "V2-SLACK");
  }, 40_000);

  it("a CLI publish is served by both instances within 10 s", async () => {
    const dir = join(work, "course");
    for (const f of courseFiles("V3-CLI")) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.text);
    }
    const { stdout } = await run("npx", ["tsx", "src/cli/main.ts", "content", "publish", dir], {
      env: { ...process.env, DATABASE_URL: dbUrl, LOG_LEVEL: "silent" },
    });
    expect(stdout).toContain("Glossary terms changed: 1");
    expect(stdout).toContain("published version 3 of llm-basics");
    await Promise.all([
      within10s("the Discord instance", discordGlossary, "V3-CLI"),
      within10s("the Slack instance", slackGlossary, "V3-CLI"),
    ]);
    expect(
      readFileSync("content/llm-basics/glossary/l01-generative-ai.yaml", "utf8"),
    ).not.toContain("V3-CLI");
  }, 60_000);
});
