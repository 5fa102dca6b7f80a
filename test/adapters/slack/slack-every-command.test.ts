// Every command in the core's list, sent as a correctly signed Slack slash command, is
// acknowledged and answered through response_url with Block Kit (no command is left unwired).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/core/clock";
import { buildCommands } from "../../../src/core/commands/registry";
import { createTestDatabaseUrl } from "../../helpers/db";
import { startFakeSlack, type FakeSlack } from "../../helpers/fake-slack";
import { respondedAt, startSlackTestApp, textOf, type SlackTestApp } from "../../helpers/slack-app";

let fake: FakeSlack;
let t: SlackTestApp;
let drop: () => Promise<void>;

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.users.UADM = { is_admin: true, name: "Prof" };
  const db = await createTestDatabaseUrl("sqlite");
  drop = db.drop;
  t = await startSlackTestApp(fake, db.url, new FakeClock("2026-03-02T08:00:00Z"));
});
afterAll(async () => {
  await t?.stop();
  await fake?.close();
  await drop?.();
});

// A typical line for each command (commands with subcommands get their first one).
const lineFor = (name: string): string =>
  (
    ({
      quiz: "topic:units count:1",
      ask: "what is a token?",
      settings: "show",
      lesson: "list",
      leaderboard: "all",
      stats: "7",
      review: "",
      "forget-me": "",
      glossary: "half precision",
    }) as Record<string, string>
  )[name] ?? "";

describe("every slash command over signed HTTP", () => {
  it.each(buildCommands().map((c) => [c.name]))("/%s", async (name) => {
    const url = await t.command(name, lineFor(name), { user: "UADM" });
    // /ask streams: a placeholder first, then the answer replaces it.
    const final =
      name === "ask"
        ? (c: Parameters<ReturnType<typeof respondedAt>>[0]) =>
            respondedAt(url)(c) && /Offline answer/.test(textOf(c))
        : respondedAt(url);
    const reply = await fake.waitFor(final, `/${name} reply`);
    expect(reply.body.blocks?.length ?? 0).toBeGreaterThan(0);
    expect(textOf(reply)).not.toMatch(/something went wrong|no longer works|There is no \//);
  });
});
