// HTTP interactions mode: POST /discord/interactions on the shared HTTP server. In order:
// the Ed25519 signature over the raw body (401 otherwise, as Discord's endpoint check expects);
// the signed timestamp, which must be within ±5 minutes of now (401), so a captured request
// cannot be replayed later; the JSON and its shape (400 when there is nothing to answer, a plain
// ephemeral "could not read" when only the data is malformed); the interaction id, which is
// answered once across every instance sharing the database (409 for a replayed copy). Then the
// JSON goes to the shared translation layer; its first response is the HTTP body.
import type { ServerResponse } from "node:http";
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIInteraction,
} from "discord.js";
import type { Logger } from "../../core/ports/logger";
import { RESTARTING } from "../../core/restarting";
import { sendJson, type RouteMount } from "../platform/http";
import type { Respond } from "./interactions";
import { envelopeSchema, firstProblem, interactionSchema } from "./payload-schema";
import { publicKeyFromHex, verifySignature } from "./verify";

export const INTERACTIONS_PATH = "/discord/interactions";
/** How far a signed timestamp may be from now, either way (Slack uses the same window). */
export const TIMESTAMP_WINDOW_S = 5 * 60;

export interface InteractionsEdge {
  /** True for the first copy of an interaction id (shared by every instance); see request-dedupe.ts. */
  firstSeen(key: string): Promise<boolean>;
  /** Wall-clock seconds: the signed timestamps are Discord's wall clock, not the app's clock port. */
  nowSeconds?: () => number;
}

function respondVia(res: ServerResponse): Respond {
  return (body) =>
    new Promise<void>((resolve) => {
      if (res.headersSent) {
        resolve();
        return;
      }
      res.once("finish", () => resolve());
      sendJson(res, 200, body);
    });
}

export function timestampFresh(ts: string, nowSeconds: number): boolean {
  if (!/^\d{1,12}$/.test(ts)) return false;
  return Math.abs(Number(ts) - nowSeconds) <= TIMESTAMP_WINDOW_S;
}

/** An ephemeral answer to a signed interaction whose data this bot cannot read. */
function malformed(type: number, problem: string): Record<string, unknown> {
  if (type === InteractionType.ApplicationCommandAutocomplete)
    return {
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [] },
    };
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: {
      content: `This request could not be read (${problem}). Please try the command again.`,
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    },
  };
}

export function mountInteractions(
  http: RouteMount,
  publicKeyHex: string,
  handle: (i: APIInteraction, respond: Respond) => Promise<void>,
  logger: Logger,
  edge: InteractionsEdge,
): void {
  const key = publicKeyFromHex(publicKeyHex);
  const now = edge.nowSeconds ?? (() => Date.now() / 1000);
  http.route({
    method: "POST",
    path: INTERACTIONS_PATH,
    // Shutdown's time ran out before the core answered (e.g. the database stopped answering).
    unfinished: (res) =>
      sendJson(res, 200, {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: {
          content: RESTARTING.en,
          flags: MessageFlags.Ephemeral,
          allowed_mentions: { parse: [] },
        },
      }),
    async handler(req, res, body) {
      const sig = req.headers["x-signature-ed25519"];
      const ts = req.headers["x-signature-timestamp"];
      if (
        !verifySignature(
          key,
          typeof sig === "string" ? sig : undefined,
          typeof ts === "string" ? ts : undefined,
          body,
        )
      ) {
        sendJson(res, 401, { error: "invalid request signature" });
        return;
      }
      if (!timestampFresh(ts as string, now())) {
        sendJson(res, 401, { error: "request timestamp too old or in the future" });
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(body.toString("utf8"));
      } catch {
        sendJson(res, 400, { error: "body is not JSON" });
        return;
      }
      const envelope = envelopeSchema.safeParse(json);
      if (!envelope.success) {
        sendJson(res, 400, { error: `not an interaction (${firstProblem(envelope.error)})` });
        return;
      }
      const { id, type } = envelope.data;
      if (type !== InteractionType.Ping && !(await edge.firstSeen(`discord:${id}`))) {
        logger.warn({ interaction: id }, "discord interaction replayed; ignored");
        sendJson(res, 409, { error: "interaction already handled" });
        return;
      }
      const parsed = interactionSchema.safeParse(json);
      if (!parsed.success) {
        logger.info(
          { interaction: id, problem: firstProblem(parsed.error) },
          "discord interaction malformed",
        );
        sendJson(res, 200, malformed(type, firstProblem(parsed.error)));
        return;
      }
      try {
        await handle(parsed.data as unknown as APIInteraction, respondVia(res));
      } catch (e) {
        logger.error({ err: String(e), type }, "discord interaction failed");
      }
      if (!res.headersSent) sendJson(res, 400, { error: "unsupported interaction" });
    },
  });
}
