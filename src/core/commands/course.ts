// /course list | info | use: the courses this instance serves, the one this channel runs, and
// (admins) choosing the community's course or one channel's. The choice is stored per community
// (and channel); every later request there runs against that course (see bot.ts, scope.ts).
import { Catalogue } from "../content/catalogue";
import type { CourseIndex } from "../content/model";
import { UserError } from "../errors";
import { bi, tr } from "../i18n";
import type { Reply } from "../reply";
import type { CommandDef, Ctx } from "./types";

const catalogueOf = (ctx: Ctx) => ctx.catalogue ?? Catalogue.of(ctx.index);

const LANGUAGE_NAMES = { zh: bi("中文", "Chinese"), en: bi("英文", "English") };

function summary(ctx: Ctx, c: CourseIndex): string {
  const langs = c.course.languages.map((l) => tr(LANGUAGE_NAMES[l], ctx.locale)).join(", ");
  return ctx.t(
    `**${tr(c.course.title, ctx.locale)}**（\`${c.course.id}\`）：${c.course.lessons.length} 课，${c.course.questions.length} 题；语言：${langs}`,
    `**${tr(c.course.title, ctx.locale)}** (\`${c.course.id}\`): ${c.course.lessons.length} lessons, ${c.course.questions.length} questions; languages: ${langs}`,
  );
}

function list(ctx: Ctx): Reply {
  const lines = catalogueOf(ctx)
    .list()
    .map((c) => `${c.course.id === ctx.index.course.id ? "▶" : "•"} ${summary(ctx, c)}`);
  return {
    text: [
      ctx.t(
        "本实例提供的课程（▶ 为这里正在用的）：",
        "Courses on this bot (▶ is the one used here):",
      ),
      ...lines,
      ctx.t("管理员可以用 /course use 切换课程。", "Admins switch with /course use."),
    ].join("\n"),
    private: true,
  };
}

async function info(ctx: Ctx): Promise<Reply> {
  const c = ctx.index.course;
  const choices = await ctx.store.courses.choices(
    { platform: ctx.actor.platform, workspaceId: ctx.actor.workspaceId },
    ctx.actor.channelId,
  );
  const from =
    choices.channel === c.id
      ? ctx.t("这个频道选的课程", "chosen for this channel")
      : choices.community === c.id
        ? ctx.t("这个社区选的课程", "chosen for this community")
        : ctx.t("默认课程", "the default course");
  return {
    text: [
      `${summary(ctx, ctx.index)} — ${from}`,
      tr(c.description, ctx.locale),
      ...(c.languages.includes(ctx.locale)
        ? []
        : [
            ctx.t(
              "这门课没有中文版，内容以课程的第一种语言显示。",
              "This course has no English version; it is shown in its first language.",
            ),
          ]),
    ].join("\n"),
    private: true,
  };
}

async function use(ctx: Ctx, id: string, scope: string): Promise<Reply> {
  const catalogue = catalogueOf(ctx);
  const index = catalogue.get(id.trim().toLowerCase());
  if (!index)
    throw new UserError(
      bi(
        `没有 “${id.slice(0, 40)}” 这门课。可选：${catalogue
          .list()
          .map((c) => c.course.id)
          .join("、")}`,
        `There is no course "${id.slice(0, 40)}". Courses: ${catalogue
          .list()
          .map((c) => c.course.id)
          .join(", ")}`,
      ),
      "bad_argument",
    );
  const key = { platform: ctx.actor.platform, workspaceId: ctx.actor.workspaceId };
  // A DM has no community of its own (every DM shares workspace ""): its choice is its channel's.
  const channelOnly = !ctx.actor.workspaceId && !!ctx.actor.channelId;
  const forChannel = scope === "channel" || channelOnly;
  if (forChannel && !ctx.actor.channelId)
    throw new UserError(
      bi("这里没有频道可以单独设置课程。", "There is no channel here to set a course for."),
      "bad_argument",
    );
  await ctx.store.courses.choose(key, index.course.id, forChannel ? ctx.actor.channelId : "");
  // A community-wide choice replaces this channel's own one, so the admin sees what they chose.
  if (!forChannel && ctx.actor.channelId)
    await ctx.store.courses.clearChannel(key, ctx.actor.channelId);
  const title = tr(index.course.title, ctx.locale);
  return {
    text: forChannel
      ? ctx.t(
          `这个频道现在使用 **${title}**。测验、复习、排行榜、每周课程和助教都按这门课分开计。`,
          `This channel now runs **${title}**. Quizzes, reviews, leaderboards, weekly lessons and the tutor are kept per course.`,
        )
      : ctx.t(
          `这个社区现在使用 **${title}**（单独设置过的频道除外）。测验、复习、排行榜、每周课程和助教都按这门课分开计。`,
          `This community now runs **${title}** (except channels with their own choice). Quizzes, reviews, leaderboards, weekly lessons and the tutor are kept per course.`,
        ),
  };
}

export const courseCommand: CommandDef = {
  name: "course",
  description: bi(
    "课程：列表、当前课程、切换（管理员）",
    "Courses: list, this one, switch (admins)",
  ),
  subcommands: [
    { name: "list", description: bi("本实例提供的课程", "The courses this bot offers") },
    { name: "info", description: bi("这里正在使用的课程", "The course used here") },
    {
      name: "use",
      admin: true,
      description: bi(
        "（管理员）为社区或这个频道选择课程",
        "(admins) Choose the course of this community or channel",
      ),
      options: [
        {
          name: "id",
          type: "string",
          required: true,
          maxLength: 64,
          description: bi("课程 id（见 /course list）", "Course id (see /course list)"),
        },
        {
          name: "scope",
          type: "string",
          description: bi(
            "整个社区（默认）或只这个频道",
            "The whole community (default) or this channel",
          ),
          choices: [
            { value: "community", name: bi("整个社区", "Whole community") },
            { value: "channel", name: bi("这个频道", "This channel") },
          ],
        },
      ],
    },
  ],
  async run(ctx, args, sub) {
    if (sub === "info") return info(ctx);
    if (sub === "use") return use(ctx, String(args.id ?? ""), String(args.scope ?? "community"));
    return list(ctx);
  },
};
