// /help (every command, or one: /help quiz), /topics and /settings (language, time zone, review reminders; admins: the community's
// time zone). /progress lives in progress.ts.
import { UserError } from "../errors";
import { bi, tr } from "../i18n";
import type { Reply } from "../reply";
import type { Args, CommandDef, CommandOption, Ctx } from "./types";
import { channelId } from "../schedule/target";

export function helpCommand(list: () => CommandDef[]): CommandDef {
  return {
    name: "help",
    description: bi(
      "列出所有命令，或一个命令的用法（/help quiz）",
      "List every command, or how to use one (/help quiz)",
    ),
    private: true,
    options: [
      {
        name: "command",
        type: "string",
        rest: true,
        maxLength: 60,
        description: bi(
          "命令名，如 quiz 或 lesson subscribe",
          "A command, e.g. quiz or lesson subscribe",
        ),
      },
    ],
    async run(ctx, args) {
      if (args.command) return commandHelp(ctx, list(), String(args.command));
      const lines = list().map((c) => `${usage(c)} — ${tr(c.description, ctx.locale)}`);
      return {
        title: ctx.t("命令", "Commands"),
        text: lines.join("\n"),
        // Typed text mid-quiz is read as the answer; only a question ending in "?" that is not an
        // answer reaches the tutor (see bot.ts), so say exactly that.
        footer: ctx.t(
          "/help <命令> 查看某个命令的用法。测验中输入的文字会当作答案；以“？”结尾且不是答案的问题会交给助教（也可以用 /ask）。没有测验时，其他文字都交给助教。",
          '/help <command> shows how to use one. During a quiz, what you type is read as your answer; a question ending in "?" that is not an answer goes to the tutor (so does /ask). Outside a quiz, other text goes to the tutor.',
        ),
        private: true,
      };
    },
  };
}

function optionsUsage(options: CommandOption[] | undefined): string {
  return (options ?? []).map((o) => (o.required ? ` <${o.name}>` : ` [${o.name}]`)).join("");
}

function usage(c: CommandDef): string {
  return `/${c.name}${c.subcommands?.length ? ` <${c.subcommands.map((s) => s.name).join("|")}>` : optionsUsage(c.options)}`;
}

/** One option per line: name, what it is, the values it takes. */
function optionLines(ctx: Ctx, options: CommandOption[] | undefined): string[] {
  return (options ?? []).map((o) => {
    const values = o.choices?.length
      ? ctx.t(
          `（可选值：${o.choices.map((c) => c.value).join("、")}）`,
          ` (one of: ${o.choices.map((c) => c.value).join(", ")})`,
        )
      : o.min !== undefined && o.max !== undefined
        ? ctx.t(`（${o.min}–${o.max}）`, ` (${o.min}–${o.max})`)
        : "";
    const need = o.required ? ctx.t("必填", "required") : ctx.t("可选", "optional");
    return `  ${o.name} — ${tr(o.description, ctx.locale)}${values}${ctx.t(`【${need}】`, ` [${need}]`)}`;
  });
}

/** /help quiz, /help lesson subscribe: what one command (or subcommand) does and takes. */
function commandHelp(ctx: Ctx, commands: CommandDef[], query: string): Reply {
  const [rawName, rawSub] = query.trim().replace(/^\//, "").toLowerCase().split(/\s+/);
  const cmd = commands.find((c) => c.name === rawName);
  if (!cmd)
    throw new UserError(
      bi(
        `没有 /${rawName.slice(0, 30)} 这个命令。输入 /help 查看全部命令。`,
        `There is no /${rawName.slice(0, 30)} command. Type /help to see them all.`,
      ),
      "unknown_command",
    );
  const sub = rawSub ? cmd.subcommands?.find((s) => s.name === rawSub) : undefined;
  const lines = [tr(cmd.description, ctx.locale)];
  if (sub || !cmd.subcommands?.length) {
    const options = sub ? sub.options : cmd.options;
    if (sub) lines.push(tr(sub.description, ctx.locale));
    lines.push(
      "",
      `${ctx.t("用法：", "Usage: ")}/${cmd.name}${sub ? ` ${sub.name}` : ""}${optionsUsage(options)}`,
    );
    if (options?.length)
      lines.push(
        ctx.t(
          "选项（可写成 名称:值，或按顺序只写值）：",
          "Options (name:value, or the values in this order):",
        ),
        ...optionLines(ctx, options),
      );
  } else {
    lines.push("", ctx.t("子命令：", "Subcommands:"));
    for (const s of cmd.subcommands)
      lines.push(
        `  /${cmd.name} ${s.name}${optionsUsage(s.options)} — ${tr(s.description, ctx.locale)}`,
      );
    lines.push(
      "",
      ctx.t(
        `/help ${cmd.name} <子命令> 查看详细用法。`,
        `/help ${cmd.name} <subcommand> for details.`,
      ),
    );
  }
  if (cmd.admin || sub?.admin) lines.push(ctx.t("（仅管理员）", "(admins only)"));
  return {
    title: `/${cmd.name}${sub ? ` ${sub.name}` : ""}`,
    text: lines.join("\n"),
    private: true,
  };
}

export const topicsCommand: CommandDef = {
  name: "topics",
  description: bi("课程主题与题目数", "Course topics and how many questions each has"),
  private: true,
  async run(ctx) {
    const { course } = ctx.index;
    const lines = course.lessons.map((l) => {
      const topics = l.topics
        .map(
          (t) =>
            `\`${t.id}\` ${tr(t.name, ctx.locale)} (${ctx.index.questionsForTopic(t.id).length})`,
        )
        .join(", ");
      return `${l.order}. ${tr(l.title, ctx.locale)} — ${topics}`;
    });
    return {
      title: tr(course.title, ctx.locale),
      text: lines.join("\n"),
      footer: ctx.t("用法：/quiz topic:<主题>", "Usage: /quiz topic:<topic>"),
      private: true,
    };
  },
};

const LANGUAGE_NAMES = { zh: bi("中文", "Chinese"), en: bi("英文", "English") } as const;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return tz.length <= 64;
  } catch {
    return false;
  }
}

export const settingsCommand: CommandDef = {
  name: "settings",
  description: bi("语言、时区等个人设置", "Your language, time zone and other settings"),
  private: true,
  subcommands: [
    { name: "show", description: bi("显示当前设置", "Show your settings") },
    {
      name: "language",
      description: bi("界面与课程语言", "Language of the bot and the course"),
      options: [
        {
          name: "value",
          type: "string",
          required: true,
          description: bi("zh 或 en", "zh or en"),
          choices: [
            { value: "zh", name: bi("中文", "Chinese") },
            { value: "en", name: bi("英文", "English") },
          ],
        },
      ],
    },
    {
      name: "timezone",
      description: bi(
        "你的时区（IANA 名称，如 Asia/Shanghai）",
        "Your time zone (IANA name, e.g. Europe/Berlin)",
      ),
      options: [
        {
          name: "value",
          type: "string",
          required: true,
          autocomplete: "timezone",
          maxLength: 64,
          description: bi("如 Asia/Shanghai", "e.g. America/New_York"),
        },
      ],
    },
    {
      name: "community-timezone",
      admin: true,
      description: bi(
        "（管理员）社区时区：每周排行榜在该时区周一 0 点重置",
        "(admins) Community time zone: the weekly leaderboard resets Monday 00:00 there",
      ),
      options: [
        {
          name: "value",
          type: "string",
          required: true,
          autocomplete: "timezone",
          maxLength: 64,
          description: bi("如 Asia/Shanghai", "e.g. America/New_York"),
        },
      ],
    },
    {
      name: "staff-channel",
      admin: true,
      description: bi(
        "（管理员）每周教师摘要发到哪个频道（off 关闭）",
        "(admins) The channel the weekly instructor digest goes to (off: none)",
      ),
      options: [
        {
          name: "channel",
          type: "channel",
          description: bi("频道（默认：当前频道）", "The channel (default: this one)"),
        },
        {
          name: "off",
          type: "boolean",
          description: bi("true：不再发送摘要", "true: stop the digest"),
        },
      ],
    },
    {
      name: "reminders",
      description: bi(
        "有待复习的卡片时每天私信提醒（最多一次）",
        "A daily DM when reviews are due (at most one a day)",
      ),
      options: [
        {
          name: "value",
          type: "boolean",
          required: true,
          description: bi("on 或 off", "on or off"),
        },
      ],
    },
  ],
  async run(ctx: Ctx, args, sub) {
    if (sub === "language") {
      const locale = args.value as "zh" | "en";
      await ctx.store.learners.update(ctx.learner.id, { locale });
      return {
        text: locale === "zh" ? "好的，之后用中文。" : "OK, English from now on.",
        private: true,
      };
    }
    if (sub === "timezone" || sub === "community-timezone") {
      const tz = String(args.value);
      if (!isValidTimeZone(tz))
        throw new UserError(
          bi(
            `“${tz.slice(0, 64)}”不是有效的时区，请用 IANA 名称，如 Asia/Shanghai。`,
            `"${tz.slice(0, 64)}" is not a time zone; use an IANA name such as Europe/Berlin.`,
          ),
          "bad_timezone",
        );
      if (sub === "community-timezone") {
        await ctx.store.communities.setTimeZone(
          { platform: ctx.actor.platform, workspaceId: ctx.actor.workspaceId },
          tz,
        );
        return {
          text: ctx.t(
            `社区时区已设为 ${tz}，每周排行榜在该时区周一 0 点重置。`,
            `Community time zone set to ${tz}; the weekly leaderboard resets Monday 00:00 there.`,
          ),
          private: true,
        };
      }
      await ctx.store.learners.update(ctx.learner.id, { timeZone: tz });
      return { text: ctx.t(`时区已设为 ${tz}。`, `Time zone set to ${tz}.`), private: true };
    }
    if (sub === "staff-channel") return staffChannel(ctx, args);
    if (sub === "reminders") {
      const on = args.value === true;
      await ctx.store.learners.update(ctx.learner.id, { remindersOn: on });
      const time = ctx.lessons?.reminderTime ?? "09:00";
      return {
        text: on
          ? ctx.t(
              `好的：有待复习的卡片时，每天 ${time}（${ctx.learner.timeZone}）之后私信提醒你一次。`,
              `OK: when reviews are due you get one DM a day, after ${time} your time (${ctx.learner.timeZone}).`,
            )
          : ctx.t("复习提醒已关闭。", "Review reminders are off."),
        private: true,
      };
    }
    const l = ctx.learner;
    const community = await ctx.store.communities.get({
      platform: ctx.actor.platform,
      workspaceId: ctx.actor.workspaceId,
    });
    return {
      title: ctx.t("设置", "Settings"),
      text: [
        `${ctx.t("语言", "Language")}: ${l.locale ? LANGUAGE_NAMES[l.locale][ctx.locale] : ctx.t("跟随平台", "from your platform")}`,
        `${ctx.t("时区", "Time zone")}: ${l.timeZone}`,
        `${ctx.t("复习提醒", "Review reminders")}: ${l.remindersOn ? ctx.t("开", "on") : ctx.t("关", "off")}`,
        `${ctx.t("社区时区", "Community time zone")}: ${community?.timeZone ?? "UTC"}`,
        `${ctx.t("教师摘要频道", "Staff channel")}: ${community?.staffChannelId ? `#${community.staffChannelId}` : "—"}`,
      ].join("\n"),
      private: true,
    };
  },
};

/** /settings staff-channel: where the weekly instructor digest goes (admins; the command is admin-only). */
async function staffChannel(ctx: Ctx, args: Args): Promise<Reply> {
  const key = { platform: ctx.actor.platform, workspaceId: ctx.actor.workspaceId };
  if (args.off === true) {
    await ctx.store.communities.setStaffChannel(key, null);
    return {
      text: ctx.t("不再发送每周教师摘要。", "The weekly instructor digest is off."),
      private: true,
    };
  }
  const raw = args.channel as string | undefined;
  const id = raw
    ? channelId(raw)
    : (ctx.actor.channelId ?? (ctx.actor.platform === "console" ? "console" : undefined));
  if (!id || (ctx.actor.isDirectMessage && ctx.actor.platform !== "console"))
    throw new UserError(
      bi(
        "请在频道里运行，或指定频道：/settings staff-channel channel:#频道",
        "Run it in a channel, or name one: /settings staff-channel channel:#channel",
      ),
      "bad_channel",
    );
  await ctx.store.communities.setStaffChannel(key, id);
  return {
    text: ctx.t(
      `每周教师摘要将发到 #${id}（每周一，社区时区）。`,
      `The weekly instructor digest goes to #${id} (Mondays, community time zone).`,
    ),
    private: true,
  };
}
