// Checks and converts command arguments against the declared options, whatever surface they
// came from (typed text in the console and Slack, typed values from Discord).
import { UserError } from "../errors";
import { bi } from "../i18n";
import type { ArgValue, Args, CommandDef, CommandOption, FileArg, SubcommandDef } from "./types";

export const MAX_STRING_ARG = 1000;

const isFile = (v: unknown): v is FileArg =>
  !!v &&
  typeof v === "object" &&
  typeof (v as FileArg).filename === "string" &&
  (v as FileArg).data instanceof Uint8Array;

function convert(opt: CommandOption, raw: unknown): ArgValue {
  const bad = (zh: string, en: string): never => {
    throw new UserError(bi(`参数 ${opt.name}：${zh}`, `Option ${opt.name}: ${en}`), "bad_argument");
  };
  // A file comes from the adapter (never typed): anything else in its place is refused.
  if (opt.type === "attachment") {
    if (!isFile(raw)) bad("需要附加一个文件。", "needs an attached file.");
    return raw as FileArg;
  }
  if (isFile(raw)) bad("这里不能附加文件。", "takes no file.");
  let value: string | number | boolean;
  switch (opt.type) {
    case "integer":
    case "number": {
      const n = typeof raw === "number" ? raw : Number(String(raw).trim());
      if (String(raw).trim() === "" || !Number.isFinite(n))
        bad("需要一个数字。", "must be a number.");
      if (opt.type === "integer" && !Number.isInteger(n))
        bad("需要一个整数。", "must be a whole number.");
      if (opt.min !== undefined && n < opt.min)
        bad(`不能小于 ${opt.min}。`, `must be at least ${opt.min}.`);
      if (opt.max !== undefined && n > opt.max)
        bad(`不能大于 ${opt.max}。`, `must be at most ${opt.max}.`);
      value = n;
      break;
    }
    case "boolean": {
      const s = String(raw).trim().toLowerCase();
      if (["true", "yes", "on", "1", "是", "开"].includes(s)) value = true;
      else if (["false", "no", "off", "0", "否", "关"].includes(s)) value = false;
      else value = bad("请用 on 或 off。", "use on or off.");
      break;
    }
    default: {
      const s = String(raw).normalize("NFC").trim();
      const max = opt.maxLength ?? MAX_STRING_ARG;
      if (s.length > max)
        bad(`太长了（最多 ${max} 个字符）。`, `is too long (at most ${max} characters).`);
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s))
        bad("含有控制字符。", "contains control characters.");
      value = s;
    }
  }
  if (opt.choices && !opt.choices.some((c) => String(c.value) === String(value))) {
    const list = opt.choices.map((c) => String(c.value)).join(", ");
    bad(`只能是 ${list} 之一。`, `must be one of ${list}.`);
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
        bi(`/${cmd.name} 需要一个子命令：${names}。`, `/${cmd.name} needs one of: ${names}.`),
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
        bi(
          `不认识的参数“${key.slice(0, 30)}”（可用：${known}）。`,
          `Unknown option "${key.slice(0, 30)}" (options: ${known}).`,
        ),
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
          bi(
            `缺少参数 ${opt.name}（${opt.description.zh}）。用法：${usage}`,
            `Missing option ${opt.name} (${opt.description.en}). Usage: ${usage}`,
          ),
          "bad_argument",
        );
      }
      continue;
    }
    args[opt.name] = convert(opt, v);
  }
  return { args, sub };
}
