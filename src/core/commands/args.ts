// Checks and converts command arguments against the declared options, whatever surface they
// came from (typed text in the console and Slack, typed values from Discord).
import { UserError } from "../errors";
import type { Bilingual } from "../i18n";
import { bilingual, bilingualBy } from "../messages/catalogue";
import type { ArgValue, Args, CommandDef, CommandOption, FileArg, SubcommandDef } from "./types";

export const MAX_STRING_ARG = 1000;

const isFile = (v: unknown): v is FileArg =>
  !!v &&
  typeof v === "object" &&
  typeof (v as FileArg).filename === "string" &&
  (v as FileArg).data instanceof Uint8Array;

function convert(opt: CommandOption, raw: unknown): ArgValue {
  const bad = (reason: Bilingual): never => {
    throw new UserError(
      bilingualBy("commands.args.option", (l) => ({ name: opt.name, reason: reason[l] })),
      "bad_argument",
    );
  };
  // A file comes from the adapter (never typed): anything else in its place is refused.
  if (opt.type === "attachment") {
    if (!isFile(raw)) bad(bilingual("commands.args.needsAnAttachedFile"));
    return raw as FileArg;
  }
  if (isFile(raw)) bad(bilingual("commands.args.takesNoFile"));
  let value: string | number | boolean;
  switch (opt.type) {
    case "integer":
    case "number": {
      const n = typeof raw === "number" ? raw : Number(String(raw).trim());
      if (String(raw).trim() === "" || !Number.isFinite(n))
        bad(bilingual("commands.args.mustBeANumber"));
      if (opt.type === "integer" && !Number.isInteger(n))
        bad(bilingual("commands.args.mustBeAWhole"));
      if (opt.min !== undefined && n < opt.min)
        bad(bilingual("commands.args.mustBeAtLeast", { min: opt.min }));
      if (opt.max !== undefined && n > opt.max)
        bad(bilingual("commands.args.mustBeAtMost", { max: opt.max }));
      value = n;
      break;
    }
    case "boolean": {
      const s = String(raw).trim().toLowerCase();
      if (["true", "yes", "on", "1", "是", "开"].includes(s)) value = true;
      else if (["false", "no", "off", "0", "否", "关"].includes(s)) value = false;
      else value = bad(bilingual("commands.args.useOnOrOff"));
      break;
    }
    default: {
      const s = String(raw).normalize("NFC").trim();
      const max = opt.maxLength ?? MAX_STRING_ARG;
      if (s.length > max) bad(bilingual("commands.args.isTooLongAt", { max }));
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s))
        bad(bilingual("commands.args.containsControlCharacters"));
      value = s;
    }
  }
  if (opt.choices && !opt.choices.some((c) => String(c.value) === String(value))) {
    const list = opt.choices.map((c) => String(c.value)).join(", ");
    bad(bilingual("commands.args.mustBeOneOf", { list }));
  }
  return value;
}

/** Validates raw args for a command (and its subcommand); unknown options are an error. */
export function checkArgs(
  cmd: CommandDef,
  raw: Record<string, unknown>,
  subName?: string,
): { args: Args; sub?: SubcommandDef } {
  let sub: SubcommandDef | undefined;
  if (cmd.subcommands?.length) {
    sub = cmd.subcommands.find((s) => s.name === subName);
    if (!sub) {
      const names = cmd.subcommands.map((s) => s.name).join(", ");
      throw new UserError(
        bilingual("commands.args.needsOneOf", { name: cmd.name, names }),
        "bad_argument",
      );
    }
  }
  const options = sub ? (sub.options ?? []) : (cmd.options ?? []);
  const args: Args = {};
  for (const key of Object.keys(raw)) {
    if (!options.some((o) => o.name === key)) {
      const known = options.map((o) => o.name).join(", ") || "none";
      throw new UserError(
        bilingual("commands.args.unknownOptionOptions", { key: key.slice(0, 30), known }),
        "bad_argument",
      );
    }
  }
  for (const opt of options) {
    const v = raw[opt.name];
    if (v === undefined || v === null || v === "") {
      // Name the option and what it takes, in the learner's language: "缺少参数 value（zh 或 en）".
      if (opt.required) {
        const usage = `/${cmd.name}${sub ? ` ${sub.name}` : ""} <${opt.name}>`;
        throw new UserError(
          bilingualBy("commands.args.missingOptionUsage", (l) => ({
            name: opt.name,
            description: opt.description[l],
            usage,
          })),
          "bad_argument",
        );
      }
      continue;
    }
    args[opt.name] = convert(opt, v);
  }
  return { args, sub };
}
