// Slack in the registry: on with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP).
// Builds the Bolt app from the config and, in HTTP mode, mounts its request listener on the
// shared server at POST /slack/events, hands its LessonSender to the scheduler and starts the
// channel-round ticker. On stop it waits (up to the shutdown deadline) for Slack requests that
// were acknowledged but are still being worked on. Bolt is loaded only when Slack is on.
import { roundSteps } from "../../core/rounds/channel-round";
import type { RunningPlatform } from "../../adapters/platform/contract";
import { SLACK } from "../../adapters/slack/identity";
import { platformsConfigured } from "../../config";
import type { LessonSender } from "../../core/ports/lesson-sender";
import type { Logger } from "../../core/ports/logger";
import type { App } from "../app";
import { SHUTDOWN_DRAIN_MS, sendJson, type HttpServer } from "../http-server";
import { createRequestDedupe } from "../request-dedupe";
import type { PlatformModule } from "./registry";

export const slackPlatform: PlatformModule = {
  identity: SLACK,
  enabled(config) {
    const p = platformsConfigured(config);
    return p.slackHttp || p.slackSocket;
  },
  needsHttp: (config) => platformsConfigured(config).slackHttp,
  start: (app, env) => startSlack(app, env.logger, env.http, env.opts.slack),
};

export interface SlackRuntime extends RunningPlatform {
  /** Advances due Slack channel rounds now and posts their steps. */
  tick(): Promise<void>;
  /** Requests acknowledged to Slack whose work is still running. */
  inFlight(): number;
  /** Stops taking Slack requests and waits up to drainMs for acknowledged ones to finish. */
  stop(drainMs?: number): Promise<void>;
}

export interface SlackStartOptions {
  /** Round ticker interval (default 1000 ms; 0 = only on demand, for tests). */
  roundTickMs?: number;
}

export async function startSlack(
  app: App,
  logger: Logger,
  http: HttpServer | undefined,
  opts: SlackStartOptions = {},
): Promise<SlackRuntime> {
  const { createSlackSurface, SLACK_EVENTS_PATH } = await import("../../adapters/slack/slack-app");
  const { readableBody } = await import("../../adapters/slack/edge");
  const { config } = app;
  const dedupe = createRequestDedupe(app.services.store.seenRequests, app.services.clock, logger);
  const slack = createSlackSurface(
    {
      botToken: config.SLACK_BOT_TOKEN!,
      signingSecret: config.SLACK_SIGNING_SECRET,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
      slash: { command: config.SLACK_COMMAND, aliases: config.SLACK_COMMAND_ALIASES },
    },
    app.bot,
    logger,
    {
      rounds: roundSteps(app.services),
      roundTickMs: opts.roundTickMs,
      firstSeen: (k) => dedupe.firstSeen(k),
    },
  );
  if (slack.requestListener) {
    if (!http) throw new Error("Slack HTTP mode needs the HTTP server");
    const listener = slack.requestListener;
    // The server reads the body (size limit, timeouts, aborted uploads), then hands Bolt the
    // request with the body attached (`rawBody`, which Bolt's receiver uses instead of the stream).
    http.route({
      method: "POST",
      path: SLACK_EVENTS_PATH,
      handler: (req, res, body) => {
        if (!readableBody(body, req.headers["content-type"])) {
          sendJson(res, 400, { error: "body is not a JSON object" });
          return;
        }
        Object.assign(req, { rawBody: body });
        listener(req, res);
      },
    });
  }
  let state: "connected" | "pending";
  try {
    state = await slack.start();
  } catch (e) {
    // The token check (auth.test) or the socket connection failed: say which, without the token.
    throw new Error(
      `Slack ${slack.mode === "socket" ? "Socket Mode" : "HTTP mode"} could not start: ${(e as Error).message}. Check SLACK_BOT_TOKEN${slack.mode === "socket" ? " and SLACK_APP_TOKEN" : ""}.`,
    );
  }
  if (state === "connected") logger.info({ mode: slack.mode }, "slack connected");
  else
    logger.warn(
      { mode: slack.mode },
      "Slack API unreachable at start-up; retrying in the background (events get 503 until then)",
    );
  const sender: LessonSender = slack.sender;
  return {
    name: SLACK.name,
    sender,
    tick: () => slack.rounds?.tick() ?? Promise.resolve(),
    inFlight: () => slack.inFlight(),
    stop: (drainMs = SHUTDOWN_DRAIN_MS) => slack.stop(drainMs),
  };
}
