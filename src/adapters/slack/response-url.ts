// Posting to a Slack response_url (slash commands, button presses, and modal submits through
// the pressed message's stored URL). A response_url works for 30 minutes and 5 uses; after that
// Slack refuses it (expired_url, used_url). Any refusal, by status or by an {ok:false} body,
// throws, so delivery can reach the learner another way. The URL itself is a credential for
// that conversation: it never goes into an error message or a log line.
import type { RespondArguments, RespondFn } from "@slack/bolt";

export class ResponseUrlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`response_url refused (${status}${code ? ` ${code}` : ""})`);
    this.name = "ResponseUrlError";
  }
}

/** Slack's error code from the answer body ("expired_url"), kept only if it looks like one. */
function errorCode(body: string): string {
  let code = body.trim();
  try {
    const parsed = JSON.parse(code) as { ok?: boolean; error?: unknown };
    if (parsed && typeof parsed === "object")
      code = typeof parsed.error === "string" ? parsed.error : "";
  } catch {
    /* plain text, like incoming webhooks answer */
  }
  return /^[a-z_]{1,40}$/.test(code) ? code : "";
}

const refusedInBody = (body: string) => {
  try {
    return (JSON.parse(body) as { ok?: boolean }).ok === false;
  } catch {
    return false;
  }
};

export function responder(url: string): RespondFn {
  return (async (msg: string | RespondArguments) => {
    const payload = typeof msg === "string" ? { text: msg } : msg;
    let res: Response;
    try {
      res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
      });
    } catch {
      // fetch's own errors may carry the URL in their cause; say only what happened.
      throw new ResponseUrlError(0, "unreachable");
    }
    const body = await res.text().catch(() => "");
    if (!res.ok || refusedInBody(body)) throw new ResponseUrlError(res.status, errorCode(body));
    return res;
  }) as unknown as RespondFn;
}
