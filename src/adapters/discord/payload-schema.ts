// The shape of a Discord interaction as this bot reads it, checked with zod at the edge, before
// any of it reaches the translation layer or the core. Discord's own payloads always pass; a
// signed payload with a value of the wrong JSON type (an option that is an object, values that
// are not a list of strings) is refused here in plain words instead of failing deep inside.
// Fields the bot does not read are let through untouched (loose objects).
import { z } from "zod";

// Ids are strings (Discord sends snowflakes as strings); their form is not checked here.
const snowflake = z.string().min(1).max(100);
const text = z.string().max(10_000);
const user = z.looseObject({
  id: snowflake,
  username: text.optional(),
  global_name: text.nullish(),
});

type Option = {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: Option[];
};
const option: z.ZodType<Option> = z.lazy(() =>
  z.looseObject({
    name: z.string().max(100),
    type: z.number().int(),
    value: z.union([z.string().max(6_000), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(option).max(25).optional(),
  }),
);

const attachment = z.looseObject({
  id: snowflake,
  filename: z.string().max(1_000),
  url: z.string().max(4_000),
  size: z.number().int().nonnegative().optional(),
  content_type: z.string().max(200).optional(),
});
const commandData = z.looseObject({
  name: z.string().max(100),
  options: z.array(option).max(25).optional(),
  resolved: z.looseObject({ attachments: z.record(z.string(), attachment).optional() }).optional(),
});
const componentData = z.looseObject({
  custom_id: z.string().max(100),
  component_type: z.number().int(),
  values: z.array(z.string().max(100)).max(25).optional(),
});
const modalData = z.looseObject({
  custom_id: z.string().max(100),
  components: z
    .array(
      z.looseObject({
        components: z
          .array(
            z.looseObject({
              custom_id: z.string().max(100),
              value: z.string().max(4_000).optional(),
            }),
          )
          .optional(),
      }),
    )
    .max(5)
    .optional(),
});
const selectOption = z.looseObject({
  value: z.string(),
  label: z.string(),
  default: z.boolean().optional(),
});
const messageComponent = z.looseObject({
  type: z.number().int(),
  custom_id: z.string().optional(),
  options: z.array(selectOption).optional(),
});
const message = z.looseObject({
  flags: z.number().int().optional(),
  components: z
    .array(z.looseObject({ type: z.number().int(), components: z.array(messageComponent) }))
    .optional(),
});

/** Enough to answer at all: which interaction, of which type, and the token to answer with. */
export const envelopeSchema = z.looseObject({
  id: snowflake,
  type: z.number().int().min(1).max(5),
  token: z.string().min(1).max(500),
});

const common = {
  id: snowflake,
  token: z.string(),
  application_id: snowflake.optional(),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  channel: z.looseObject({ id: snowflake, type: z.number().int() }).optional(),
  member: z
    .looseObject({ user, nick: text.nullish(), permissions: z.string().max(40).optional() })
    .optional(),
  user: user.optional(),
  locale: z.string().max(20).optional(),
  guild_locale: z.string().max(20).optional(),
  message: message.optional(),
};

export const interactionSchema = z
  .discriminatedUnion("type", [
    z.looseObject({ ...common, type: z.literal(1) }),
    z.looseObject({ ...common, type: z.literal(2), data: commandData }),
    z.looseObject({ ...common, type: z.literal(3), data: componentData }),
    z.looseObject({ ...common, type: z.literal(4), data: commandData }),
    z.looseObject({ ...common, type: z.literal(5), data: modalData }),
  ])
  .refine((i) => i.type === 1 || !!(i.member?.user ?? i.user), {
    message: "names no user",
    path: ["user"],
  });

/** The first problem, as "data.options.0.value: expected string, received object". */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join(".") || "payload";
  return `${path}: ${issue?.message ?? "invalid"}`.slice(0, 200);
}
