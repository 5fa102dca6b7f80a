// /help, /topics and /settings (language, time zone, review reminders; admins: the community's
// time zone). /progress lives in progress.ts.
import { UserError } from "../errors";
import { bi, tr } from "../i18n";
import type { CommandDef, Ctx } from "./types";

export function helpCommand(list: () => CommandDef[]): CommandDef {
  return {
    name: "help",
    description: bi("列出所有命令", "List every command"),
    private: true,
    async run(ctx) {
      const lines = list().map((c) => {
        const opts = c.subcommands?.length ? ` <${c.subcommands.map((s) => s.name).join("|")}>` : (c.options ?? []).map((o) => (o.required ? ` <${o.name}>` : ` [${o.name}]`)).join("");
        return `/${c.name}${opts} — ${tr(c.description, ctx.locale)}`;
      });
      return {
        title: ctx.t("命令", "Commands"),
        text: lines.join("\n"),
        // Typed text mid-quiz is read as the answer; only a question ending in "?" that is not an
        // answer reaches the tutor (see bot.ts), so say exactly that.
        footer: ctx.t(
          "测验中输入的文字会当作答案；以“？”结尾且不是答案的问题会交给助教（也可以用 /ask）。没有测验时，其他文字都交给助教。",
          "During a quiz, what you type is read as your answer; a question ending in \"?\" that is not an answer goes to the tutor (so does /ask). Outside a quiz, other text goes to the tutor.",
        ),
        private: true,
      };
    },
  };
}

export const topicsCommand: CommandDef = {
  name: "topics",
  description: bi("课程主题与题目数", "Course topics and how many questions each has"),
  private: true,
  async run(ctx) {
    const { course } = ctx.index;
    const lines = course.lessons.map((l) => {
      const topics = l.topics.map((t) => `\`${t.id}\` ${tr(t.name, ctx.locale)} (${ctx.index.questionsForTopic(t.id).length})`).join(", ");
      return `${l.order}. ${tr(l.title, ctx.locale)} — ${topics}`;
    });
    return { title: tr(course.title, ctx.locale), text: lines.join("\n"), footer: ctx.t("用法：/quiz topic:<主题>", "Usage: /quiz topic:<topic>"), private: true };
  },
};

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
      options: [{ name: "value", type: "string", required: true, description: bi("zh 或 en", "zh or en"), choices: [{ value: "zh", name: bi("中文", "Chinese") }, { value: "en", name: bi("英文", "English") }] }],
    },
    {
      name: "timezone",
      description: bi("你的时区（IANA 名称，如 Asia/Shanghai）", "Your time zone (IANA name, e.g. Europe/Berlin)"),
      options: [{ name: "value", type: "string", required: true, autocomplete: "timezone", maxLength: 64, description: bi("如 Asia/Shanghai", "e.g. America/New_York") }],
    },
    {
      name: "community-timezone",
      admin: true,
      description: bi("（管理员）社区时区：每周排行榜在该时区周一 0 点重置", "(admins) Community time zone: the weekly leaderboard resets Monday 00:00 there"),
      options: [{ name: "value", type: "string", required: true, autocomplete: "timezone", maxLength: 64, description: bi("如 Asia/Shanghai", "e.g. America/New_York") }],
    },
    {
      name: "reminders",
      description: bi("有待复习的卡片时每天私信提醒（最多一次）", "A daily DM when reviews are due (at most one a day)"),
      options: [{ name: "value", type: "boolean", required: true, description: bi("on 或 off", "on or off") }],
    },
  ],
  async run(ctx: Ctx, args, sub) {
    if (sub === "language") {
      const locale = args.value as "zh" | "en";
      await ctx.store.learners.update(ctx.learner.id, { locale });
      return { text: locale === "zh" ? "好的，之后用中文。" : "OK, English from now on.", private: true };
    }
    if (sub === "timezone" || sub === "community-timezone") {
      const tz = String(args.value);
      if (!isValidTimeZone(tz)) throw new UserError(bi(`“${tz.slice(0, 64)}”不是有效的时区，请用 IANA 名称，如 Asia/Shanghai。`, `"${tz.slice(0, 64)}" is not a time zone; use an IANA name such as Europe/Berlin.`), "bad_timezone");
      if (sub === "community-timezone") {
        await ctx.store.communities.setTimeZone({ platform: ctx.actor.platform, workspaceId: ctx.actor.workspaceId }, tz);
        return { text: ctx.t(`社区时区已设为 ${tz}，每周排行榜在该时区周一 0 点重置。`, `Community time zone set to ${tz}; the weekly leaderboard resets Monday 00:00 there.`), private: true };
      }
      await ctx.store.learners.update(ctx.learner.id, { timeZone: tz });
      return { text: ctx.t(`时区已设为 ${tz}。`, `Time zone set to ${tz}.`), private: true };
    }
    if (sub === "reminders") {
      const on = args.value === true;
      await ctx.store.learners.update(ctx.learner.id, { remindersOn: on });
      const time = ctx.lessons?.reminderTime ?? "09:00";
      return {
        text: on
          ? ctx.t(`好的：有待复习的卡片时，每天 ${time}（${ctx.learner.timeZone}）之后私信提醒你一次。`, `OK: when reviews are due you get one DM a day, after ${time} your time (${ctx.learner.timeZone}).`)
          : ctx.t("复习提醒已关闭。", "Review reminders are off."),
        private: true,
      };
    }
    const l = ctx.learner;
    const community = await ctx.store.communities.get({ platform: ctx.actor.platform, workspaceId: ctx.actor.workspaceId });
    return {
      title: ctx.t("设置", "Settings"),
      text: [
        `${ctx.t("语言", "Language")}: ${l.locale ?? ctx.t("跟随平台", "from your platform")}`,
        `${ctx.t("时区", "Time zone")}: ${l.timeZone}`,
        `${ctx.t("复习提醒", "Review reminders")}: ${l.remindersOn ? ctx.t("开", "on") : ctx.t("关", "off")}`,
        `${ctx.t("社区时区", "Community time zone")}: ${community?.timeZone ?? "UTC"}`,
      ].join("\n"),
      private: true,
    };
  },
};
