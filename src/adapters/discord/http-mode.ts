// HTTP interactions mode: POST /discord/interactions on the shared HTTP server. Verifies the
// Ed25519 signature over the raw body (401 otherwise, as Discord's endpoint check expects),
// then hands the JSON to the shared translation layer; its first response is the HTTP body.
import type { ServerResponse } from "node:http";
import type { APIInteraction } from "discord.js";
import type { Logger } from "../../core/ports/logger";
import { sendJson, type HttpServer } from "../../app/http-server";
import type { Respond } from "./interactions";
import { publicKeyFromHex, verifySignature } from "./verify";

export const INTERACTIONS_PATH = "/discord/interactions";

function respondVia(res: ServerResponse): Respond {
  return (body) =>
    new Promise<void>((resolve) => {
      if (res.headersSent) { resolve(); return; }
      res.once("finish", () => resolve());
      sendJson(res, 200, body);
    });
}

export function mountInteractions(http: HttpServer, publicKeyHex: string, handle: (i: APIInteraction, respond: Respond) => Promise<void>, logger: Logger): void {
  const key = publicKeyFromHex(publicKeyHex);
  http.route({
    method: "POST",
    path: INTERACTIONS_PATH,
    async handler(req, res, body) {
      const sig = req.headers["x-signature-ed25519"];
      const ts = req.headers["x-signature-timestamp"];
      if (!verifySignature(key, typeof sig === "string" ? sig : undefined, typeof ts === "string" ? ts : undefined, body)) {
        sendJson(res, 401, { error: "invalid request signature" });
        return;
      }
      let interaction: APIInteraction;
      try {
        interaction = JSON.parse(body.toString("utf8")) as APIInteraction;
      } catch {
        sendJson(res, 400, { error: "body is not JSON" });
        return;
      }
      try {
        await handle(interaction, respondVia(res));
      } catch (e) {
        logger.error({ err: String(e), type: interaction.type }, "discord interaction failed");
      }
      if (!res.headersSent) sendJson(res, 400, { error: "unsupported interaction" });
    },
  });
}
