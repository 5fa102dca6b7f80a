// End to end over Slack's real wire formats: the app is built the way `npm start` builds it
// (createApp + startSurfaces) in HTTP mode on port 0, with SLACK_API_URL pointing at a local
// fake Web API. Requests are signed like Slack signs them; outgoing calls are captured.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../../src/app/app";
import { startSurfaces, type Surfaces } from "../../../src/app/surfaces";
import { loadConfig } from "../../../src/config";
import { recordingLogger } from "../../helpers/app";
import { createTestDatabaseUrl } from "../../helpers/db";
import { submitView } from "../../helpers/slack-app";
import {
  postSigned,
  startFakeSlack,
  type FakeSlack,
  type SlackCall,
} from "../../helpers/fake-slack";

const SECRET = "8f14e45fceea167a5a36dedd4bea2543";
let fake: FakeSlack;
let app: App;
let surfaces: Surfaces;
let endpoint: string;
let drop: () => Promise<void>;
const logger = recordingLogger();

beforeAll(async () => {
  fake = await startFakeSlack();
  const db = await createTestDatabaseUrl("sqlite");
  drop = db.drop;
  const config = {
    ...loadConfig({
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.url,
      HOST: "127.0.0.1",
      CONSOLE: "off",
    }),
    PORT: 0,
  };
  app = await createApp(config, logger);
  surfaces = await startSurfaces(app, logger);
  endpoint = `http://127.0.0.1:${surfaces.port}/slack/events`;
});

afterAll(async () => {
  await surfaces?.stop();
  await app?.close();
  await fake?.close();
  await drop?.();
});

type El = {
  type: string;
  action_id: string;
  block_id: string;
  value?: string;
  options?: { value: string }[];
};
const interactive = (blocks: any[] = []): El[] =>
  blocks.flatMap((b) =>
    [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]
      .filter((e: any) => e.action_id)
      .map((e: any) => ({ ...e, block_id: b.block_id })),
  );
const isQuestion = (c: SlackCall) =>
  (c.body.blocks ?? []).some((b: any) => String(b.block_id ?? "").startsWith("cbq."));
const at = (url: string) => (c: SlackCall) =>
  c.method === "respond" && c.path === new URL(url).pathname;
const allText = (c: SlackCall) => JSON.stringify(c.body.blocks ?? []) + (c.body.text ?? "");

function command(name: string, text: string, opts: { user?: string; channel?: string } = {}) {
  const response_url = fake.responseUrl();
  const body = new URLSearchParams({
    token: "legacy",
    team_id: "T1",
    team_domain: "school",
    channel_id: opts.channel ?? "C1",
    channel_name: "general",
    user_id: opts.user ?? "U1",
    user_name: "ada",
    command: "/coursebot",
    text: `${name} ${text}`.trim(),
    api_app_id: "A1",
    response_url,
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
  }).toString();
  return { response_url, send: () => postSigned(endpoint, SECRET, body, "form") };
}

async function action(
  el: El,
  opts: {
    user?: string;
    channel?: string;
    ephemeral?: boolean;
    state?: object;
    messageTs?: string;
    text?: string;
  } = {},
) {
  const response_url = fake.responseUrl();
  const payload = {
    type: "block_actions",
    user: { id: opts.user ?? "U1", team_id: "T1", username: "ada" },
    team: { id: "T1", domain: "school" },
    api_app_id: "A1",
    token: "legacy",
    trigger_id: "trig-1",
    container: {
      type: "message",
      message_ts: opts.messageTs ?? "1700000000.000001",
      channel_id: opts.channel ?? "C1",
      is_ephemeral: opts.ephemeral ?? true,
    },
    channel: { id: opts.channel ?? "C1", name: "general" },
    response_url,
    state: opts.state ?? { values: {} },
    ...(opts.ephemeral === false
      ? {
          message: {
            type: "message",
            ts: opts.messageTs ?? "1700000000.000001",
            text: opts.text ?? "",
          },
        }
      : {}),
    actions: [
      {
        type: el.type,
        action_id: el.action_id,
        block_id: el.block_id,
        value: el.value,
        action_ts: "1700000001.0001",
        ...(el.type === "static_select" ? { selected_option: el.options?.[0] } : {}),
      },
    ],
  };
  const res = await postSigned(
    endpoint,
    SECRET,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    "form",
  );
  expect(res.status).toBe(200);
  return response_url;
}

async function event(evt: object) {
  const body = JSON.stringify({
    token: "legacy",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: 1700000000,
    event: evt,
  });
  const res = await postSigned(endpoint, SECRET, body, "json");
  expect(res.status).toBe(200);
}

describe("Slack HTTP mode on the shared server", () => {
  it("rejects forged signatures and stale timestamps with 401, and touches nothing", async () => {
    const before = fake.calls.length;
    const body = new URLSearchParams({
      command: "/help",
      text: "",
      user_id: "U1",
      team_id: "T1",
      channel_id: "C1",
      response_url: fake.responseUrl(),
    }).toString();
    const forged = await postSigned(endpoint, "not-the-secret", body, "form");
    expect(forged.status).toBe(401);
    const stale = await postSigned(
      endpoint,
      SECRET,
      body,
      "form",
      Math.floor(Date.now() / 1000) - 6 * 60,
    );
    expect(stale.status).toBe(401);
    const unsigned = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(unsigned.status).toBe(401);
    expect(fake.calls.length).toBe(before);
    const health = await fetch(endpoint.replace("/slack/events", "/healthz"));
    expect(health.status).toBe(200);
  });

  it("answers Slack's URL verification challenge", async () => {
    const res = await postSigned(
      endpoint,
      SECRET,
      JSON.stringify({ type: "url_verification", challenge: "abc123", token: "legacy" }),
      "json",
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("abc123");
  });

  it("acks a slash command at once and responds ephemerally in the learner's locale", async () => {
    fake.users.UZH = { locale: "zh-CN", name: "李雷" };
    const cmd = command("help", "", { user: "UZH" });
    const res = await cmd.send();
    expect(res.status).toBe(200);
    const reply = await fake.waitFor(at(cmd.response_url), "/help reply");
    expect(reply.body.response_type).toBe("ephemeral");
    expect(reply.body.blocks[0]).toMatchObject({
      type: "header",
      text: { type: "plain_text", text: "命令" },
    });
    expect(allText(reply)).toContain("/coursebot quiz");
    const info = fake.calls.find((c) => c.method === "users.info" && c.body.user === "UZH")!;
    expect(info.body.include_locale).toBe("true");
  });

  it("turns a core error into a private message (bad option value)", async () => {
    const cmd = command("quiz", "count:abc");
    await cmd.send();
    const reply = await fake.waitFor(at(cmd.response_url), "error reply");
    expect(reply.body.response_type).toBe("ephemeral");
    expect(allText(reply)).toMatch(/:warning: Option count: must be a number/);
  });

  it("plays a whole quiz with buttons, selects, multi-selects and the numeric modal", async () => {
    const cmd = command("quiz", "topic:units count:18", { user: "UQ" });
    await cmd.send();
    let msg = await fake.waitFor((c) => at(cmd.response_url)(c) && isQuestion(c), "first question");
    expect(msg.body.response_type).toBe("ephemeral");
    const seen = new Set<string>();
    let verdicts = 0;
    for (let round = 0; round < 40; round++) {
      const els = interactive(msg.body.blocks);
      const submit = els.find((e) => e.action_id.endsWith("#submit"));
      const typeIt = els.find((e) => e.action_id === "slack.type" && e.block_id === "cbq.answer");
      let url: string;
      if (submit) {
        const picks = els.filter((e) => e.action_id.startsWith("slack.pick#"));
        const values = Object.fromEntries(
          picks.map((p, i) => [
            p.block_id,
            {
              [p.action_id]:
                p.type === "multi_static_select"
                  ? { type: p.type, selected_options: [p.options![0]] }
                  : { type: p.type, selected_option: p.options![i % p.options!.length] },
            },
          ]),
        );
        seen.add(picks[0].type);
        url = await action(submit, { user: "UQ", state: { values } });
      } else if (typeIt) {
        seen.add("modal");
        const pressUrl = await action(typeIt, { user: "UQ" });
        const opened = await fake.waitFor(
          (c) =>
            c.method === "views.open" && JSON.parse(c.body.view.private_metadata).r === pressUrl,
          "views.open",
        );
        expect(opened.body.trigger_id).toBe("trig-1");
        const view = opened.body.view;
        expect(
          view.blocks.some((b: any) => b.type === "input" && b.element.type === "plain_text_input"),
        ).toBe(true);
        const res = await submitView(endpoint, view, "UQ", "12");
        expect(res.status).toBe(200);
        url = pressUrl;
      } else {
        const button = els.find((e) => /^quiz\.answer:.*#\d+$/.test(e.action_id))!;
        expect(button.value).toBeTruthy();
        seen.add("button");
        url = await action(button, { user: "UQ" });
      }
      const first = await fake.waitFor(at(url), "answer reply");
      let verdict = first;
      if (first.body.replace_original !== true) {
        // The core refused the answer (e.g. a number without its unit): skip the question.
        expect(first.body.response_type).toBe("ephemeral");
        const skip = els.find((e) => e.action_id.startsWith("quiz.skip:"))!;
        url = await action(skip, { user: "UQ" });
        verdict = await fake.waitFor(
          (c) => at(url)(c) && c.body.replace_original === true,
          "skip reply",
        );
      } else verdicts++;
      expect(interactive(verdict.body.blocks).some((e) => e.action_id.startsWith("cbq"))).toBe(
        false,
      );
      const next = interactive(verdict.body.blocks).find((e) =>
        e.action_id.startsWith("quiz.next:"),
      );
      if (next) {
        expect(
          interactive(verdict.body.blocks).some((e) => e.action_id.startsWith("tutor.about:")),
        ).toBe(true);
        const nextUrl = await action(next, { user: "UQ" });
        msg = await fake.waitFor((c) => at(nextUrl)(c) && isQuestion(c), "next question");
        expect(msg.body.replace_original).toBe(false);
        expect(msg.body.response_type).toBe("ephemeral");
        continue;
      }
      const after = await fake.waitFor(
        (c) => at(url)(c) && (isQuestion(c) || /Quiz finished/.test(allText(c))),
        "next question or summary",
      );
      if (/Quiz finished/.test(allText(after))) break;
      msg = after;
    }
    expect([...seen].sort()).toEqual(["button", "modal", "multi_static_select", "static_select"]);
    expect(verdicts).toBeGreaterThan(5);
    const progress = command("progress", "", { user: "UQ" });
    await progress.send();
    const p = await fake.waitFor(at(progress.response_url), "progress");
    expect(p.body.blocks[0].text.text).toBe("Your progress");
    expect(p.body.blocks.some((b: any) => b.fields?.length)).toBe(true);
  });

  it("answers thread replies under the bot's posts in the thread, and ignores other channel chatter", async () => {
    const before = fake.calls.filter((c) => c.method === "chat.postMessage").length;
    await event({
      type: "message",
      channel: "C1",
      channel_type: "channel",
      user: "UT",
      text: "hello everyone",
      ts: "1700000100.000100",
    });
    await event({
      type: "message",
      channel: "C1",
      channel_type: "channel",
      user: "UT",
      text: "why is that?",
      ts: "1700000101.000100",
      thread_ts: "1700000050.000100",
      parent_user_id: "UBOT",
    });
    const post = await fake.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.thread_ts === "1700000050.000100",
      "thread reply",
    );
    expect(post.body.channel).toBe("C1");
    expect(Array.isArray(post.body.blocks)).toBe(true);
    // Only the thread reply was answered.
    expect(fake.calls.filter((c) => c.method === "chat.postMessage").length).toBe(before + 1);
  });

  it("answers typed messages in the DM, retrying once after a 429 with Retry-After", async () => {
    fake.rateLimitOnce("chat.postMessage", "1");
    await event({
      type: "message",
      channel: "DUD",
      channel_type: "im",
      user: "UD",
      text: "/topics",
      ts: "1700000200.000100",
    });
    const ok = await fake.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === "DUD" && c.status === 200,
      "retried post",
    );
    const tries = fake.calls.filter(
      (c) => c.method === "chat.postMessage" && c.body.channel === "DUD",
    );
    expect(tries.map((c) => c.status)).toEqual([429, 200]);
    expect(ok.body.thread_ts).toBeUndefined();
    expect(allText(ok)).toContain("units");
  });

  it("threads the 'Ask about this' answer under the pressed message", async () => {
    const url = await action(
      { type: "button", action_id: "tutor.about:q-units-1", block_id: "cb.buttons" },
      { user: "UA", ephemeral: false, messageTs: "1700000300.000100" },
    );
    // Until the tutor registers tutor.about the core answers privately ("no longer works"): an
    // ephemeral message in the thread; the tutor's public answer becomes a thread message.
    const post = await fake.waitFor(
      (c) =>
        (c.method === "chat.postMessage" || c.method === "chat.postEphemeral") &&
        c.body.thread_ts === "1700000300.000100",
      "threaded tutor reply",
    );
    expect(post.body.channel).toBe("C1");
    expect(fake.calls.some(at(url))).toBe(false);
  });

  it("moves 'Ask about this' on an ephemeral message into a DM thread", async () => {
    const url = await action(
      { type: "button", action_id: "tutor.about:q-units-1", block_id: "cb.buttons" },
      { user: "UE", ephemeral: true },
    );
    const pointer = await fake.waitFor(at(url), "ephemeral pointer");
    expect(pointer.body.response_type).toBe("ephemeral");
    const root = await fake.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === "DUE" && !c.body.thread_ts,
      "DM root",
    );
    const rootIndex = fake.calls.indexOf(root);
    const reply = await fake.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === "DUE" && !!c.body.thread_ts,
      "DM thread reply",
    );
    expect(fake.calls.indexOf(reply)).toBeGreaterThan(rootIndex);
    expect(reply.body.thread_ts).toMatch(/^\d+\.\d+$/);
  });

  it("publishes the App Home tab and changes the language from its menu through /settings", async () => {
    await event({
      type: "app_home_opened",
      user: "UH",
      channel: "DUH",
      tab: "home",
      event_ts: "1700000400.000100",
    });
    const home = await fake.waitFor(
      (c) => c.method === "views.publish" && c.body.user_id === "UH",
      "home",
    );
    expect(home.body.view.type).toBe("home");
    const menus = interactive(home.body.view.blocks);
    expect(menus.map((m) => m.action_id)).toEqual(["slack.home#language", "slack.home#timezone"]);
    const payload = {
      type: "block_actions",
      user: { id: "UH", team_id: "T1" },
      team: { id: "T1" },
      api_app_id: "A1",
      token: "legacy",
      trigger_id: "t3",
      container: { type: "view", view_id: "V9" },
      view: {
        id: "V9",
        type: "home",
        team_id: "T1",
        app_id: "A1",
        callback_id: "",
        private_metadata: "",
        hash: "h",
        blocks: [],
        state: { values: {} },
      },
      actions: [
        {
          type: "static_select",
          action_id: "slack.home#language",
          block_id: "home.settings",
          selected_option: { text: { type: "plain_text", text: "中文" }, value: "zh" },
          action_ts: "1",
        },
      ],
    };
    const res = await postSigned(
      endpoint,
      SECRET,
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      "form",
    );
    expect(res.status).toBe(200);
    const again = await fake.waitFor(
      (c) => c.method === "views.publish" && c.body.user_id === "UH" && c !== home,
      "home after change",
    );
    expect(JSON.stringify(again.body.view.blocks)).toContain("好的，之后用中文。");
    const cmd = command("help", "", { user: "UH" });
    await cmd.send();
    const reply = await fake.waitFor(at(cmd.response_url), "help in zh");
    expect(reply.body.blocks[0].text.text).toBe("命令");
  });
});
