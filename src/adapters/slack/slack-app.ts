// Builds the Bolt app for the configured mode. HTTP mode: Bolt's HTTPReceiver verifies
// signatures (v0 HMAC, 5-minute window → 401) and its request listener is mounted on the
// shared server at POST /slack/events. Socket Mode: Bolt's SocketModeReceiver connects out
// with the app-level token. SLACK_API_URL points the Web API client (and the socket client's
// apps.connections.open) at another base URL. Rate-limit answers (429 + Retry-After) are
// retried by the Web API client, which is left at its defaults for that. Work outside requests
// (scheduled lessons, channel-round steps) uses a second client with a short retry budget, so
// one failing post cannot hold the scheduler or a round for half an hour.
// Shutdown: Slack gets its answer before the work is done, so every request the receiver hands
// over (HTTP or Socket Mode) is tracked until its listeners finish, and stop() waits for them.
import {
  App,
  HTTPReceiver,
  LogLevel,
  SocketModeReceiver,
  webApi,
  type Logger as BoltLogger,
} from "@slack/bolt";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Bot } from "../../core/bot";
import type { RoundsPort } from "../platform/contract";
import type { LessonSender } from "../../core/ports/lesson-sender";
import { createRoundDriver, type RoundDriver } from "../platform/round-driver";
import { SLACK } from "./identity";
import { createSlackLessonSender, slackMessenger } from "./messenger";
import type { Logger } from "../../core/ports/logger";
import { createInFlight } from "../platform/background";
import { bodyProblem, dedupeKey } from "./edge";
import { responder } from "./response-url";
import { RESTARTING } from "../../core/restarting";
import { registerListeners } from "./listeners";
import { People } from "./people";
import { commandPrefix, DEFAULT_SLASH, type SlashSettings } from "./slash-command";

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackSettings {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  /** The slash command namespace (default /coursebot, no top-level aliases). */
  slash?: SlashSettings;
}

export interface SlackSurface {
  mode: "http" | "socket";
  app: App;
  /** HTTP mode: the listener to mount on POST /slack/events. */
  requestListener?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Posts scheduled lessons and reminders (register with the scheduler). */
  sender: LessonSender;
  /** Channel rounds ticker (present when round steps were given). */
  rounds?: RoundDriver;
  /** Requests acknowledged to Slack whose work (core, database, replies) is still running. */
  inFlight(): number;
  start(): Promise<"connected" | "pending">;
  /** Stops taking requests, then waits up to drainMs for acknowledged work to finish. */
  stop(drainMs: number): Promise<void>;
}

/** Bolt's logger interface on top of ours (which scrubs secrets). */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" ");
  return {
    debug: (...m: unknown[]) => logger.debug({ source: "slack" }, text(m)),
    info: (...m: unknown[]) => logger.info({ source: "slack" }, text(m)),
    warn: (...m: unknown[]) => logger.warn({ source: "slack" }, text(m)),
    error: (...m: unknown[]) => logger.error({ source: "slack" }, text(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

const apiBase = (url?: string) => (url ? (url.endsWith("/") ? url : `${url}/`) : undefined);

export interface SlackSurfaceOptions {
  /** The core's channel-round steps (the ticker advances them). */
  rounds?: RoundsPort;
  /** How often to advance channel rounds (default 1000 ms; 0 = only on demand). */
  roundTickMs?: number;
  /** True for the first copy of a request key, across instances (see app/request-dedupe.ts). */
  firstSeen?: (key: string) => Promise<boolean>;
}

export function createSlackSurface(
  settings: SlackSettings,
  bot: Bot,
  logger: Logger,
  opts: SlackSurfaceOptions = {},
): SlackSurface {
  const log = boltLogger(logger);
  const clientOptions = apiBase(settings.apiUrl) ? { slackApiUrl: apiBase(settings.apiUrl) } : {};
  // Honours 429 + Retry-After (the default); retries other failures only briefly.
  const background = new webApi.WebClient(settings.botToken, {
    ...clientOptions,
    logger: log,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
  });
  const rounds = opts.rounds
    ? createRoundDriver({
        platform: SLACK,
        rounds: opts.rounds,
        messenger: slackMessenger(background),
        logger,
      })
    : undefined;
  let app: App;
  let requestListener: SlackSurface["requestListener"];
  if (settings.appToken) {
    const receiver = new SocketModeReceiver({
      appToken: settings.appToken,
      logger: log,
      installerOptions: { clientOptions },
    });
    app = new App({
      token: settings.botToken,
      receiver,
      socketMode: true,
      logger: log,
      clientOptions,
      deferInitialization: true,
    });
  } else {
    if (!settings.signingSecret)
      throw new Error("SLACK_SIGNING_SECRET is required for Slack HTTP mode");
    const receiver = new HTTPReceiver({
      signingSecret: settings.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger: log,
    });
    app = new App({
      token: settings.botToken,
      receiver,
      logger: log,
      clientOptions,
      deferInitialization: true,
    });
    requestListener = receiver.requestListener;
  }
  // Both receivers pass every verified request to app.processEvent, which acks and then runs the
  // listeners to the end (replies and streaming updates included). Tracking it here covers all
  // of it with no gap between the acknowledgement and the listener.
  const work = createInFlight();
  /** response_urls of acknowledged requests still being worked on: told to try again if shutdown's time runs out. */
  const unanswered = new Set<string>();
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => work.track(screened(event));
  /** The edge checks (edge.ts) before Bolt reads the body: a malformed or already-handled
   *  request is acknowledged (so Slack does not retry it) and goes no further. */
  async function screened(received: Parameters<App["processEvent"]>[0]): Promise<void> {
    // Every listener of ours acknowledges first with an empty ack(), so acknowledging here,
    // before the checks below touch the database, is the same answer, only sooner (Slack
    // wants it within 3 s even when the database is slow). Bolt's own ack becomes a no-op.
    let acked: Promise<void> | undefined;
    const event = { ...received, ack: () => (acked ??= received.ack()) };
    await event.ack();
    const url = (event.body as { response_url?: unknown }).response_url;
    if (typeof url === "string") {
      unanswered.add(url);
      try {
        return await checkedAndRun(event);
      } finally {
        unanswered.delete(url);
      }
    }
    return checkedAndRun(event);
  }
  async function checkedAndRun(event: Parameters<App["processEvent"]>[0]): Promise<void> {
    const problem = bodyProblem(event.body);
    if (problem) {
      logger.info({ source: "slack", problem }, "slack request malformed; ignored");
      return event.ack();
    }
    const key = dedupeKey(event.body);
    if (key && opts.firstSeen && !(await opts.firstSeen(key))) {
      logger.info(
        { source: "slack", key, retry: event.retryNum },
        "slack event already handled; retry ignored",
      );
      return event.ack();
    }
    return processEvent(event);
  }
  app.error(async (e) => {
    logger.error(
      { source: "slack", err: e.message, code: (e as { code?: string }).code },
      "slack app error",
    );
  });
  const slash = settings.slash ?? DEFAULT_SLASH;
  registerListeners(app, {
    bot,
    people: new People(logger, Date.now, commandPrefix(slash)),
    logger,
    rounds,
    slash,
    botToken: settings.botToken,
  });
  const socket = !!settings.appToken;
  let initialized = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  let stopping: Promise<void> | undefined;

  /** auth.test with bounded retries: a rejected token throws; an unreachable Slack returns false. */
  async function tokenAccepted(): Promise<boolean> {
    try {
      await background.auth.test();
      return true;
    } catch (e) {
      if ((e as { code?: string }).code === webApi.ErrorCode.PlatformError) throw e;
      return false;
    }
  }
  async function initialize(): Promise<void> {
    await app.init();
    if (socket) await app.start();
    initialized = true;
    if (opts.roundTickMs !== 0) rounds?.start(opts.roundTickMs ?? 1000);
  }
  /** Slack was unreachable at start-up: keep the rest of the bot serving and try again later. */
  function retryLater(delayMs = 15_000): void {
    retryTimer = setTimeout(async () => {
      if (stopped) return;
      try {
        if (await tokenAccepted()) {
          await initialize();
          logger.info({ source: "slack", mode: socket ? "socket" : "http" }, "slack connected");
          return;
        }
      } catch (e) {
        logger.error(
          { source: "slack", err: (e as Error).message },
          "Slack rejected SLACK_BOT_TOKEN; Slack stays off",
        );
        return;
      }
      retryLater(Math.min(delayMs * 2, 300_000));
    }, delayMs);
    retryTimer.unref();
  }

  return {
    mode: socket ? "socket" : "http",
    app,
    // Until Bolt is initialized it cannot handle events, and once stopping it takes no new ones:
    // answer 503 so Slack retries them later.
    requestListener:
      requestListener &&
      ((req, res) => {
        if (initialized && !stopped) return requestListener!(req, res);
        res
          .writeHead(503, { "content-type": "text/plain" })
          .end(stopped ? "shutting down" : "starting");
      }),
    sender: createSlackLessonSender(background),
    rounds,
    inFlight: () => work.size(),
    /** Resolves "connected", or "pending" when Slack could not be reached (retried in the background).
     *  A token Slack rejects throws, so a wrong SLACK_BOT_TOKEN stops start-up with a message. */
    async start() {
      if (!(await tokenAccepted())) {
        retryLater();
        return "pending";
      }
      await initialize();
      return "connected";
    },
    stop(drainMs) {
      return (stopping ??= (async () => {
        stopped = true;
        clearTimeout(retryTimer);
        // Socket Mode: disconnect first so no new envelopes arrive (Slack sends them to another
        // connection); the work already acknowledged only needs the Web API and response URLs.
        if (socket && initialized)
          await app
            .stop()
            .catch((e) =>
              logger.warn(
                { source: "slack", err: (e as Error).message },
                "slack socket disconnect failed",
              ),
            );
        if (work.size()) {
          logger.info(
            { source: "slack", running: work.size() },
            "waiting for acknowledged Slack requests to finish",
          );
          if (!(await work.drain(drainMs))) {
            logger.warn(
              { source: "slack", running: work.size(), drainMs },
              "Slack requests still running at the shutdown deadline; telling those we can to try again",
            );
            await Promise.allSettled(
              [...unanswered].map((u) =>
                responder(u)({
                  response_type: "ephemeral",
                  replace_original: false,
                  text: RESTARTING.en,
                }),
              ),
            );
          }
        }
        // After the listeners: an answer in a channel round may have just queued a tick.
        await rounds?.stop();
      })());
    },
  };
}
