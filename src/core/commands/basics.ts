// /help (every command, or one: /help quiz), /topics and /settings (language, time zone, review reminders; admins: the community's
// time zone). /progress lives in progress.ts.
import { UserError } from "../errors";
import { tr } from "../i18n";
import type { Reply } from "../reply";
import type { Args, CommandDef, CommandOption, Ctx } from "./types";
import { channelId } from "../schedule/target";
import { bilingual, msg } from "../messages/catalogue";

export function helpCommand(list: () => CommandDef[]): CommandDef {
  return {
    name: "help",
    description: bilingual("commands.basics.listEveryCommandOr"),
    private: true,
    options: [
      {
        name: "command",
        type: "string",
        rest: true,
        maxLength: 60,
        description: bilingual("commands.basics.aCommandEG"),
      },
    ],
    async run(ctx, args) {
      if (args.command) return commandHelp(ctx, list(), String(args.command));
      const lines = list().map((c) => `${usage(c)} — ${tr(c.description, ctx.locale)}`);
      return {
        title: ctx.msg("commands.basics.commands"),
        text: lines.join("\n"),
        // Typed text mid-quiz is read as the answer; only a question ending in "?" that is not an
        // answer reaches the tutor (see bot.ts), so say exactly that.
        footer: ctx.msg("commands.basics.helpCommandShowsHow"),
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
      ? ctx.msg("commands.basics.oneOf", {
          values: o.choices.map((c) => c.value).join(ctx.msg("common.enumJoin")),
        })
      : o.min !== undefined && o.max !== undefined
        ? ctx.msg("commands.basics.range", { min: o.min, max: o.max })
        : "";
    const need = o.required
      ? ctx.msg("commands.basics.required")
      : ctx.msg("commands.basics.optional");
    return `  ${o.name} — ${tr(o.description, ctx.locale)}${values}${ctx.msg("commands.basics.requiredness", { need })}`;
  });
}

/** /help quiz, /help lesson subscribe: what one command (or subcommand) does and takes. */
function commandHelp(ctx: Ctx, commands: CommandDef[], query: string): Reply {
  const [rawName, rawSub] = query.trim().replace(/^\//, "").toLowerCase().split(/\s+/);
  const cmd = commands.find((c) => c.name === rawName);
  if (!cmd)
    throw new UserError(
      bilingual("commands.basics.thereIsNoCommand", { rawName: rawName.slice(0, 30) }),
      "unknown_command",
    );
  const sub = rawSub ? cmd.subcommands?.find((s) => s.name === rawSub) : undefined;
  const lines = [tr(cmd.description, ctx.locale)];
  if (sub || !cmd.subcommands?.length) {
    const options = sub ? sub.options : cmd.options;
    if (sub) lines.push(tr(sub.description, ctx.locale));
    lines.push(
      "",
      `${ctx.msg("commands.basics.usage")}/${cmd.name}${sub ? ` ${sub.name}` : ""}${optionsUsage(options)}`,
    );
    if (options?.length)
      lines.push(ctx.msg("commands.basics.optionsNameValueOr"), ...optionLines(ctx, options));
  } else {
    lines.push("", ctx.msg("commands.basics.subcommands"));
    for (const s of cmd.subcommands)
      lines.push(
        `  /${cmd.name} ${s.name}${optionsUsage(s.options)} — ${tr(s.description, ctx.locale)}`,
      );
    lines.push("", ctx.msg("commands.basics.helpSubcommandForDetails", { name: cmd.name }));
  }
  if (cmd.admin || sub?.admin) lines.push(ctx.msg("commands.basics.adminsOnly"));
  return {
    title: `/${cmd.name}${sub ? ` ${sub.name}` : ""}`,
    text: lines.join("\n"),
    private: true,
  };
}

export const topicsCommand: CommandDef = {
  name: "topics",
  description: bilingual("commands.basics.courseTopicsAndHow"),
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
      footer: ctx.msg("commands.basics.usageQuizTopicTopic"),
      private: true,
    };
  },
};

const LANGUAGE_NAMES = {
  zh: bilingual("commands.basics.chinese"),
  en: bilingual("commands.basics.english"),
} as const;

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
  description: bilingual("commands.basics.yourLanguageTimeZone"),
  private: true,
  subcommands: [
    { name: "show", description: bilingual("commands.basics.showYourSettings") },
    {
      name: "language",
      description: bilingual("commands.basics.languageOfTheBot"),
      options: [
        {
          name: "value",
          type: "string",
          required: true,
          description: bilingual("commands.basics.zhOrEn"),
          choices: [
            { value: "zh", name: bilingual("commands.basics.chinese") },
            { value: "en", name: bilingual("commands.basics.english") },
          ],
        },
      ],
    },
    {
      name: "timezone",
      description: bilingual("commands.basics.yourTimeZoneIana"),
      options: [
        {
          name: "value",
          type: "string",
          required: true,
          autocomplete: "timezone",
          maxLength: 64,
          description: bilingual("commands.basics.eGAmericaNew"),
        },
      ],
    },
    {
      name: "community-timezone",
      admin: true,
      description: bilingual("commands.basics.adminsCommunityTimeZone"),
      options: [
        {
          name: "value",
          type: "string",
          required: true,
          autocomplete: "timezone",
          maxLength: 64,
          description: bilingual("commands.basics.eGAmericaNew"),
        },
      ],
    },
    {
      name: "staff-channel",
      admin: true,
      description: bilingual("commands.basics.adminsTheChannelThe"),
      options: [
        {
          name: "channel",
          type: "channel",
          description: bilingual("commands.basics.theChannelDefaultThis"),
        },
        {
          name: "off",
          type: "boolean",
          description: bilingual("commands.basics.trueStopTheDigest"),
        },
      ],
    },
    {
      name: "reminders",
      description: bilingual("commands.basics.aDailyDmWhen"),
      options: [
        {
          name: "value",
          type: "boolean",
          required: true,
          description: bilingual("commands.basics.onOrOff"),
        },
      ],
    },
  ],
  async run(ctx: Ctx, args, sub) {
    if (sub === "language") {
      const locale = args.value as "zh" | "en";
      await ctx.store.learners.update(ctx.learner.id, { locale });
      return {
        text: msg(locale, "commands.basics.okEnglishFromNow"),
        private: true,
      };
    }
    if (sub === "timezone" || sub === "community-timezone") {
      const tz = String(args.value);
      if (!isValidTimeZone(tz))
        throw new UserError(
          bilingual("commands.basics.isNotATime", { tz: tz.slice(0, 64) }),
          "bad_timezone",
        );
      if (sub === "community-timezone") {
        await ctx.store.communities.setTimeZone(
          { platform: ctx.actor.platform, workspaceId: ctx.actor.workspaceId },
          tz,
        );
        return {
          text: ctx.msg("commands.basics.communityTimeZoneSet", { tz }),
          private: true,
        };
      }
      await ctx.store.learners.update(ctx.learner.id, { timeZone: tz });
      return { text: ctx.msg("commands.basics.timeZoneSetTo", { tz }), private: true };
    }
    if (sub === "staff-channel") return staffChannel(ctx, args);
    if (sub === "reminders") {
      const on = args.value === true;
      await ctx.store.learners.update(ctx.learner.id, { remindersOn: on });
      const time = ctx.lessons?.reminderTime ?? "09:00";
      return {
        text: on
          ? ctx.msg("commands.basics.okWhenReviewsAre", { time, timeZone: ctx.learner.timeZone })
          : ctx.msg("commands.basics.reviewRemindersAreOff"),
        private: true,
      };
    }
    const l = ctx.learner;
    const community = await ctx.store.communities.get({
      platform: ctx.actor.platform,
      workspaceId: ctx.actor.workspaceId,
    });
    return {
      title: ctx.msg("commands.basics.settings"),
      text: [
        `${ctx.msg("commands.basics.language")}: ${l.locale ? LANGUAGE_NAMES[l.locale][ctx.locale] : ctx.msg("commands.basics.fromYourPlatform")}`,
        `${ctx.msg("commands.basics.timeZone")}: ${l.timeZone}`,
        `${ctx.msg("commands.basics.reviewReminders")}: ${l.remindersOn ? ctx.msg("commands.basics.on") : ctx.msg("commands.basics.off")}`,
        `${ctx.msg("commands.basics.communityTimeZone")}: ${community?.timeZone ?? "UTC"}`,
        `${ctx.msg("commands.basics.staffChannel")}: ${community?.staffChannelId ? `#${community.staffChannelId}` : "—"}`,
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
      text: ctx.msg("commands.basics.theWeeklyInstructorDigest"),
      private: true,
    };
  }
  const raw = args.channel as string | undefined;
  const id = raw
    ? channelId(raw)
    : (ctx.actor.channelId ??
      (ctx.actor.capabilities.oneConversation ? ctx.actor.platform : undefined));
  if (!id || (ctx.actor.isDirectMessage && !ctx.actor.capabilities.oneConversation))
    throw new UserError(bilingual("commands.basics.runItInA"), "bad_channel");
  await ctx.store.communities.setStaffChannel(key, id);
  return {
    text: ctx.msg("commands.basics.theWeeklyInstructorDigest2", { id }),
    private: true,
  };
}
