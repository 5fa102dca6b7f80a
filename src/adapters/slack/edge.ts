// What every verified Slack request passes before Bolt routes it to a listener:
// - its shape, checked with zod (the fields the listeners read, of the JSON types they expect).
//   Slack's own payloads always pass; a signed payload with a value of the wrong type is
//   acknowledged and dropped with an info line, instead of failing inside a listener.
// - its event id: Slack re-sends an event (X-Slack-Retry-Num) when our first ack was slow or
//   lost; a copy whose event_id was handled already (on any instance sharing the database) is
//   acknowledged and does nothing more. Commands and interactions are never retried by Slack.
import { z } from "zod";

const id = z.string().max(100);
const str = z.string().max(40_000);
const option = z.looseObject({ value: z.string().max(2_000) });

const command = z.looseObject({
  command: id,
  text: str.optional(),
  user_id: id,
  team_id: id,
  channel_id: id,
  response_url: z.string().max(2_000).optional(),
});

const blockActions = z.looseObject({
  type: z.literal("block_actions"),
  user: z.looseObject({ id, team_id: id.optional() }),
  team: z.looseObject({ id }).nullish(),
  channel: z.looseObject({ id }).optional(),
  container: z
    .looseObject({
      message_ts: id.optional(),
      thread_ts: id.optional(),
      channel_id: id.optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  trigger_id: id.optional(),
  response_url: z.string().max(2_000).optional(),
  message: z
    .looseObject({ text: str.optional(), ts: id.optional(), thread_ts: id.optional() })
    .optional(),
  state: z
    .looseObject({
      values: z
        .record(
          z.string(),
          z.record(
            z.string(),
            z.looseObject({
              selected_option: option.nullish(),
              selected_options: z.array(option).optional(),
              value: z.string().nullish(),
            }),
          ),
        )
        .optional(),
    })
    .optional(),
  actions: z
    .array(
      z.looseObject({
        action_id: id,
        block_id: id.optional(),
        value: z.string().max(2_000).optional(),
        selected_option: option.nullish(),
      }),
    )
    .min(1),
});

const viewSubmission = z.looseObject({
  type: z.literal("view_submission"),
  user: z.looseObject({ id, team_id: id.optional() }),
  team: z.looseObject({ id }).nullish(),
  view: z.looseObject({
    callback_id: id.optional(),
    private_metadata: z.string().max(3_000).optional(),
    state: z.looseObject({
      values: z.record(
        z.string(),
        z.record(z.string(), z.looseObject({ value: z.string().nullish() })),
      ),
    }),
  }),
});

const eventCallback = z.looseObject({
  type: z.literal("event_callback"),
  event_id: id,
  team_id: id.optional(),
  event: z.looseObject({
    type: id,
    subtype: id.optional(),
    user: id.optional(),
    bot_id: id.optional(),
    text: str.optional(),
    ts: id.optional(),
    thread_ts: id.optional(),
    parent_user_id: id.optional(),
    channel: id.optional(),
    channel_type: id.optional(),
    team: id.optional(),
    tab: id.optional(),
  }),
});

/**
 * Whether Bolt's receiver can read a raw body at all: its JSON (the body, or the `payload` field
 * of a form) must be an object. Bolt itself meets `null` or `5` with a TypeError that leaves the
 * request unanswered, so such bodies get a 400 before Bolt sees them.
 */
export function readableBody(raw: Buffer, contentType: string | undefined): boolean {
  const text = raw.toString("utf8");
  let json: string | undefined = text;
  if (contentType?.startsWith("application/x-www-form-urlencoded"))
    json = new URLSearchParams(text).get("payload") ?? undefined;
  if (json === undefined) return true;
  try {
    const v: unknown = JSON.parse(json);
    return !!v && typeof v === "object" && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** The problem with a request's body, or undefined when the listeners can read it. */
export function bodyProblem(body: unknown): string | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return "not an object";
  const b = body as Record<string, unknown>;
  // The kind is found the way Bolt finds it (by which field is present, in Bolt's order), so a
  // body cannot pass as one kind here and reach Bolt's listeners as another.
  const schema =
    b.event !== undefined
      ? eventCallback
      : b.command !== undefined
        ? command
        : b.actions !== undefined || b.type === "block_actions"
          ? blockActions
          : b.type === "view_submission"
            ? viewSubmission
            : undefined;
  // Anything else reaches no listener of ours (url_verification never gets here: the receiver answers it).
  if (!schema) return "not a kind of request this app handles";
  const r = schema.safeParse(body);
  if (r.success) return undefined;
  const issue = r.error.issues[0];
  return `${issue?.path.map(String).join(".") || "body"}: ${issue?.message ?? "invalid"}`.slice(
    0,
    200,
  );
}

/** The key under which a request is de-duplicated: events only (the only kind Slack retries). */
export function dedupeKey(body: unknown): string | undefined {
  const b = body as { type?: unknown; event_id?: unknown } | undefined;
  return b?.type === "event_callback" && typeof b.event_id === "string"
    ? `slack:${b.event_id}`
    : undefined;
}
