// /course list | info | use: the courses this instance serves, the one this channel runs, and
// (admins) choosing the community's course or one channel's. The choice is stored per community
// (and channel); every later request there runs against that course (see bot.ts, scope.ts).
import { Catalogue } from "../content/catalogue";
import type { CourseIndex } from "../content/model";
import { UserError } from "../errors";
import { bi, tr } from "../i18n";
import type { Reply } from "../reply";
import type { CommandDef, Ctx } from "./types";
import { bilingual } from "../messages/catalogue";

const catalogueOf = (ctx: Ctx) => ctx.catalogue ?? Catalogue.of(ctx.index);

const LANGUAGE_NAMES = {
  zh: bilingual("commands.course.chinese"),
  en: bilingual("commands.course.english"),
};

function summary(ctx: Ctx, c: CourseIndex): string {
  const langs = c.course.languages.map((l) => tr(LANGUAGE_NAMES[l], ctx.locale)).join(", ");
  return ctx.msg("commands.course.lessonsQuestionsLanguages", {
    title: tr(c.course.title, ctx.locale),
    id: c.course.id,
    lessonsCount: c.course.lessons.length,
    questionsCount: c.course.questions.length,
    langs,
  });
}

function list(ctx: Ctx): Reply {
  const lines = catalogueOf(ctx)
    .list()
    .map((c) => `${c.course.id === ctx.index.course.id ? "▶" : "•"} ${summary(ctx, c)}`);
  return {
    text: [
      ctx.msg("commands.course.coursesOnThisBot"),
      ...lines,
      ctx.msg("commands.course.adminsSwitchWithCourse"),
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
      ? ctx.msg("commands.course.chosenForThisChannel")
      : choices.community === c.id
        ? ctx.msg("commands.course.chosenForThisCommunity")
        : ctx.msg("commands.course.theDefaultCourse");
  return {
    text: [
      `${summary(ctx, ctx.index)} — ${from}`,
      tr(c.description, ctx.locale),
      ...(c.languages.includes(ctx.locale) ? [] : [ctx.msg("commands.course.thisCourseHasNo")]),
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
    throw new UserError(bilingual("commands.course.thereIsNoChannel"), "bad_argument");
  await ctx.store.courses.choose(key, index.course.id, forChannel ? ctx.actor.channelId : "");
  // A community-wide choice replaces this channel's own one, so the admin sees what they chose.
  if (!forChannel && ctx.actor.channelId)
    await ctx.store.courses.clearChannel(key, ctx.actor.channelId);
  const title = tr(index.course.title, ctx.locale);
  return {
    text: forChannel
      ? ctx.msg("commands.course.thisChannelNowRuns", { title })
      : ctx.msg("commands.course.thisCommunityNowRuns", { title }),
  };
}

export const courseCommand: CommandDef = {
  name: "course",
  description: bilingual("commands.course.coursesListThisOne"),
  subcommands: [
    { name: "list", description: bilingual("commands.course.theCoursesThisBot") },
    { name: "info", description: bilingual("commands.course.theCourseUsedHere") },
    {
      name: "use",
      admin: true,
      description: bilingual("commands.course.adminsChooseTheCourse"),
      options: [
        {
          name: "id",
          type: "string",
          required: true,
          maxLength: 64,
          description: bilingual("commands.course.courseIdSeeCourse"),
        },
        {
          name: "scope",
          type: "string",
          description: bilingual("commands.course.theWholeCommunityDefault"),
          choices: [
            { value: "community", name: bilingual("commands.course.wholeCommunity") },
            { value: "channel", name: bilingual("commands.course.thisChannel") },
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
