// /content (admins): publish a new version of the course without a redeploy. `upload` checks an
// attached YAML file or zip (the same messages as `content:check`), shows what changes against
// the latest published version and how many learners it touches, and keeps it for the Publish
// button; `status` says which version this instance serves. Publishing stores the version in the
// database, which every instance polls (src/app/course-reloader.ts): no restart anywhere.
import { baseOf, previewFiles } from "../authoring/preview";
import { publishFiles } from "../authoring/publish";
import { changeSections, issueLines, regradeText } from "../authoring/report";
import { filesFromUpload, sameFiles } from "../content/bundle";
import { checkFiles } from "../content/check";
import { diffCourses, isEmptyDiff } from "../content/diff";
import { UserError } from "../errors";
import type { Reply } from "../reply";
import type { ActionDef, CommandDef, Ctx, FileArg } from "./types";
import { bilingual } from "../messages/catalogue";

/** Uploads not published within a day are forgotten. */
const UPLOAD_TTL_MS = 86_400_000;
/** Lines per list in a chat message, so a list fits Discord's 1,024-character field (the CLI
 *  prints them all). */
const MAX_LINES = 10;

const actorKey = (ctx: Ctx) =>
  `${ctx.actor.platform}:${ctx.actor.workspaceId}:${ctx.actor.userId}`.slice(0, 200);

/** The served version of the course this request runs (its channel's or community's). */
function liveOf(ctx: Ctx) {
  const live = ctx.courses?.live(ctx.index.course.id);
  if (!ctx.courses || !live)
    throw new UserError(
      bilingual("commands.content.publishingCourseContentIs"),
      "unavailable_feature",
    );
  return { source: ctx.courses, live };
}

function requireAdmin(ctx: Ctx) {
  if (!ctx.actor.isAdmin)
    throw new UserError(bilingual("commands.content.onlyAdminsManageServer"), "not_admin");
}

async function upload(ctx: Ctx, file: FileArg | undefined): Promise<Reply> {
  const { live } = liveOf(ctx);
  // A surface without forms (the terminal) cannot attach files; the CLI does the same there.
  if (!file && !ctx.actor.capabilities.forms)
    return {
      text: ctx.msg("commands.content.inTheTerminalUse"),
      private: true,
    };
  if (!file)
    return {
      text: ctx.msg("commands.content.attachTheCourseFile"),
      fileRequest: {
        command: "content",
        sub: "upload",
        option: "file",
        title: ctx.msg("commands.content.uploadCourseContent"),
      },
      private: true,
    };
  const repo = ctx.store.courseVersions;
  const now = ctx.clock.now();
  await repo.pruneUploads(new Date(now.getTime() - UPLOAD_TTL_MS));
  const base = await baseOf(repo, live);
  const bundle = filesFromUpload(file.filename, file.data, base.files);
  const preview =
    "issues" in bundle
      ? { ok: false as const, issues: bundle.issues }
      : await previewFiles(repo, base, bundle.files);
  if (!preview.ok)
    return {
      title: ctx.msg("commands.content.checkFailedNothingWas"),
      text: issueLines(preview.issues, MAX_LINES, ctx.t).join("\n"),
      footer: ctx.msg("commands.content.fixTheseAndUpload"),
      tone: "error",
      private: true,
    };
  const against = base.version
    ? ctx.msg("commands.content.againstPublishedVersion", { version: base.version })
    : ctx.msg("commands.content.againstTheFilesOn");
  if (sameFiles(base.files, preview.files) || isEmptyDiff(preview.diff))
    return {
      text: ctx.msg("commands.content.theCheckPassedBut", { against }),
      tone: "info",
      private: true,
    };
  const id = await repo.saveUpload({
    courseId: base.index.course.id,
    baseVersion: base.version,
    files: preview.files,
    createdBy: actorKey(ctx),
    createdAt: now,
  });
  const c = preview.index.course;
  const keyChanges = preview.diff.changed.filter((q) => q.answerKey).length;
  const text = [
    ctx.t(
      `检查通过：${c.lessons.length} 课，${c.questions.length} 道题，${c.glossary.length} 个术语${preview.warnings.length ? `，${preview.warnings.length} 条提醒` : ""}。以下是${against}的改动。`,
      `The check passed: ${c.lessons.length} lessons, ${c.questions.length} questions, ${c.glossary.length} glossary terms${preview.warnings.length ? `, ${preview.warnings.length} warning(s)` : ""}. What changes ${against}:`,
    ),
    ...(keyChanges
      ? [
          ctx.msg("commands.content.answerKeySChanged", {
            keyChanges,
            regradeLearners: preview.regradeLearners,
            value: preview.regradeLearners === 1 ? "" : "s",
          }),
        ]
      : []),
    ...(preview.diff.removed.length ? [ctx.msg("commands.content.removedQuestionsKeepTheir")] : []),
  ].join("\n");
  return {
    title: ctx.msg("commands.content.publish", { filename: file.filename.slice(0, 80) }),
    text,
    fields: changeSections(preview, ctx.t, MAX_LINES).map((s) => ({
      name: s.name,
      value: s.lines.join("\n"),
    })),
    buttons: [
      {
        type: "button",
        id: `content:publish:${id}`,
        label: ctx.msg("commands.content.publish2"),
        style: "primary",
      },
      ...(keyChanges
        ? [
            {
              type: "button" as const,
              id: `content:regrade:${id}`,
              label: ctx.msg("commands.content.publishAndRegrade"),
              style: "danger" as const,
            },
          ]
        : []),
      { type: "button", id: `content:cancel:${id}`, label: ctx.msg("commands.content.cancel") },
    ],
    private: true,
  };
}

const gone = () => new UserError(bilingual("commands.content.thisUploadIsNo"), "upload_gone");

async function publish(ctx: Ctx, id: string, regrade: boolean): Promise<Reply> {
  requireAdmin(ctx);
  const { source, live } = liveOf(ctx);
  const repo = ctx.store.courseVersions;
  const up = await repo.upload(id);
  const expired = up && ctx.clock.now().getTime() - up.createdAt.getTime() > UPLOAD_TTL_MS;
  if (!up || expired || up.courseId !== live.index.course.id) throw gone();
  const { index } = checkFiles(up.files);
  if (!index) throw gone(); // it passed when uploaded; the checks may since have grown stricter
  const base = await baseOf(repo, live);
  const keyIds = diffCourses(base.index.course, index.course)
    .changed.filter((c) => c.answerKey)
    .map((c) => c.id);
  const out = await publishFiles(repo, {
    files: up.files,
    index,
    baseVersion: up.baseVersion,
    by: actorKey(ctx),
    now: ctx.clock.now(),
    regrade: regrade ? keyIds : undefined,
  });
  if (!out.ok)
    return {
      text: ctx.msg("commands.content.versionWasPublishedAfter", { latest: out.latest }),
      tone: "warning",
      private: true,
    };
  await repo.deleteUpload(id);
  await source.refresh();
  return {
    text: [
      ctx.msg("commands.content.publishedVersionThisInstance", { version: out.version }),
      ...(out.regrade ? [regradeText(out.regrade, ctx.t)] : []),
    ].join("\n"),
    tone: "success",
    private: true,
  };
}

async function status(ctx: Ctx): Promise<Reply> {
  const { live } = liveOf(ctx);
  const head = await ctx.store.courseVersions.head(live.index.course.id);
  const c = live.index.course;
  const serving = live.version
    ? ctx.msg("commands.content.servingPublishedVersion", { version: live.version })
    : ctx.msg("commands.content.servingTheFilesOn");
  const lines = [
    `${serving}: ${c.id}, ${c.lessons.length} ${ctx.msg("commands.content.lessons")}, ${c.questions.length} ${ctx.msg("commands.content.questions")}.`,
    ...(head
      ? [
          ctx.msg("commands.content.latestPublishedVersionBy", {
            version: head.version,
            toISOString: head.publishedAt.toISOString(),
            publishedBy: head.publishedBy,
          }),
        ]
      : []),
  ];
  return { text: lines.join("\n"), private: true };
}

export const contentCommand: CommandDef = {
  name: "content",
  description: bilingual("commands.content.adminsUpdateTheCourse"),
  admin: true,
  private: true,
  subcommands: [
    {
      name: "upload",
      description: bilingual("commands.content.uploadAYamlFile"),
      options: [
        {
          name: "file",
          type: "attachment",
          description: bilingual("commands.content.aYamlFileOr"),
        },
      ],
    },
    {
      name: "status",
      description: bilingual("commands.content.whichCourseVersionThis"),
    },
  ],
  async run(ctx, args, sub) {
    if (sub === "status") return status(ctx);
    return upload(ctx, args.file as FileArg | undefined);
  },
};

export const contentActions: ActionDef[] = [
  {
    prefix: "content",
    async run(ctx, [verb, id]) {
      if (verb === "publish" || verb === "regrade")
        return publish(ctx, id ?? "", verb === "regrade");
      requireAdmin(ctx);
      if (id) await ctx.store.courseVersions.deleteUpload(id);
      return {
        text: ctx.msg("commands.content.cancelledNothingWasPublished"),
        private: true,
      };
    },
  },
];
