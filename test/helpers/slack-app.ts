// The app as `npm start` builds it, in Slack HTTP mode on port 0, against a fake Web API, with a
// FakeClock; plus signed-request helpers (slash commands, block actions, events). Slash commands
// go through the app's one command, as Slack sends them: `command("quiz", "units")` is
// "/coursebot" with the text "quiz units".
import { createApp, type App } from "../../src/app/app";
import { startSurfaces, type Surfaces } from "../../src/app/surfaces";
import { loadConfig } from "../../src/config";
import type { FakeClock } from "../../src/core/clock";
import { recordingLogger } from "./app";
import { postSigned, type FakeSlack, type SlackCall } from "./fake-slack";

export const SLACK_SECRET = "8f14e45fceea167a5a36dedd4bea2543";

export interface SlackTestApp {
  app: App;
  surfaces: Surfaces;
  endpoint: string;
  logger: ReturnType<typeof recordingLogger>;
  command(name: string, text: string, opts?: { user?: string; channel?: string }): Promise<string>;
  /** A slash command exactly as given ("/quiz", "topic:units"); returns its response_url. */
  slash(command: string, text: string, opts?: { user?: string; channel?: string }): Promise<string>;
  action(
    el: { type?: string; action_id: string; block_id?: string; value?: string },
    opts?: ActionOpts,
  ): Promise<string>;
  event(evt: object): Promise<void>;
  stop(): Promise<void>;
}

export interface ActionOpts {
  user?: string;
  channel?: string;
  ephemeral?: boolean;
  messageTs?: string;
  state?: object /** Default: a fresh one from the fake. */;
  responseUrl?: string;
}

export async function startSlackTestApp(
  fake: FakeSlack,
  databaseUrl: string,
  clock: FakeClock,
  env: Record<string, string> = {},
): Promise<SlackTestApp> {
  const logger = recordingLogger();
  const config = {
    ...loadConfig({
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: fake.url,
      HOST: "127.0.0.1",
      CONSOLE: "off",
      ...env,
    }),
    PORT: 0,
  };
  const app = await createApp(config, logger, { clock });
  // The round ticker runs only when the test calls surfaces.slack.tick() (the clock is fake anyway).
  const surfaces = await startSurfaces(app, logger, { slack: { roundTickMs: 0 } });
  const endpoint = `http://127.0.0.1:${surfaces.port}/slack/events`;
  const ok = (res: Response) => {
    if (res.status !== 200) throw new Error(`Slack endpoint answered ${res.status}`);
  };
  const slash: SlackTestApp["slash"] = async (command, text, opts = {}) => {
    const response_url = fake.responseUrl();
    const body = new URLSearchParams({
      token: "legacy",
      team_id: "T1",
      team_domain: "school",
      channel_id: opts.channel ?? "C1",
      channel_name: "general",
      user_id: opts.user ?? "U1",
      user_name: "ada",
      command,
      text,
      api_app_id: "A1",
      response_url,
      trigger_id: "13345224609.738474920.8088930838d88f008e0",
    }).toString();
    ok(await postSigned(endpoint, SLACK_SECRET, body, "form"));
    return response_url;
  };
  return {
    app,
    surfaces,
    endpoint,
    logger,
    slash,
    command: (name, text, opts = {}) =>
      slash(`/${config.SLACK_COMMAND}`, `${name} ${text}`.trim(), opts),
    async action(el, opts = {}) {
      const response_url = opts.responseUrl ?? fake.responseUrl();
      const ts = opts.messageTs ?? "1700000000.000001";
      const payload = {
        type: "block_actions",
        user: { id: opts.user ?? "U1", team_id: "T1", username: opts.user ?? "U1" },
        team: { id: "T1", domain: "school" },
        api_app_id: "A1",
        token: "legacy",
        trigger_id: "trig-1",
        container: {
          type: "message",
          message_ts: ts,
          channel_id: opts.channel ?? "C1",
          is_ephemeral: opts.ephemeral ?? false,
        },
        channel: { id: opts.channel ?? "C1", name: "general" },
        response_url,
        state: opts.state ?? { values: {} },
        ...(opts.ephemeral ? {} : { message: { type: "message", ts, text: "" } }),
        actions: [
          {
            type: el.type ?? "button",
            action_id: el.action_id,
            block_id: el.block_id ?? "cb.buttons",
            value: el.value,
            action_ts: "1700000001.0001",
          },
        ],
      };
      ok(
        await postSigned(
          endpoint,
          SLACK_SECRET,
          new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
          "form",
        ),
      );
      return response_url;
    },
    async event(evt) {
      const body = JSON.stringify({
        token: "legacy",
        team_id: "T1",
        api_app_id: "A1",
        type: "event_callback",
        event_id: `Ev${Math.random().toString(36).slice(2)}`,
        event_time: 1700000000,
        event: evt,
      });
      ok(await postSigned(endpoint, SLACK_SECRET, body, "json"));
    },
    async stop() {
      await surfaces.stop();
      await app.close();
    },
  };
}

/** Interactive elements of a message's blocks, with their block ids. */
export type El = {
  type: string;
  action_id: string;
  block_id: string;
  value?: string;
  options?: { value: string }[];
  text?: { text: string };
};
export const interactive = (blocks: any[] = []): El[] =>
  blocks.flatMap((b) =>
    [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]
      .filter((e: any) => e.action_id)
      .map((e: any) => ({ ...e, block_id: b.block_id })),
  );
export const respondedAt = (url: string) => (c: SlackCall) =>
  c.method === "respond" && c.path === new URL(url).pathname;
export const textOf = (c: SlackCall) => JSON.stringify(c.body.blocks ?? []) + (c.body.text ?? "");

/** Submits a modal the app opened (views.open) with one text input filled in, as Slack posts
 *  a view_submission: signed, form-encoded, the view echoed back with its state. */
export async function submitView(
  endpoint: string,
  view: Record<string, unknown>,
  user: string,
  value: string,
): Promise<Response> {
  const payload = {
    type: "view_submission",
    team: { id: "T1" },
    user: { id: user, team_id: "T1" },
    api_app_id: "A1",
    token: "legacy",
    trigger_id: "t2",
    view: {
      ...view,
      id: "V1",
      team_id: "T1",
      app_id: "A1",
      hash: "h",
      state: { values: { answer: { text: { type: "plain_text_input", value } } } },
    },
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(endpoint, SLACK_SECRET, body, "form");
}
