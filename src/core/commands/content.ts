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
import { bi } from "../i18n";
import type { Reply } from "../reply";
import type { ActionDef, CommandDef, Ctx, FileArg } from "./types";

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
      bi("这里不能发布课程内容。", "Publishing course content is not available here."),
      "unavailable_feature",
    );
  return { source: ctx.courses, live };
}

function requireAdmin(ctx: Ctx) {
  if (!ctx.actor.isAdmin)
    throw new UserError(
      bi(
        "只有管理员（管理服务器/频道权限）可以这样做。",
        "Only admins (Manage Server or Manage Channels) can do that.",
      ),
      "not_admin",
    );
}

async function upload(ctx: Ctx, file: FileArg | undefined): Promise<Reply> {
  const { live } = liveOf(ctx);
  // The terminal chat cannot attach files; the CLI does the same from the same terminal.
  if (!file && ctx.actor.platform === "console")
    return {
      text: ctx.t(
        "终端里请用：npm run cli -- content diff|publish <文件夹|zip|文件.yaml>",
        "In the terminal, use: npm run cli -- content diff|publish <dir|zip|file.yaml>",
      ),
      private: true,
    };
  if (!file)
    return {
      text: ctx.t(
        "请附上课程文件：一个 YAML 文件（替换同名文件），或整个课程文件夹的 zip。",
        "Attach the course file: one YAML file (it replaces the file of the same name) or a zip of the whole course folder.",
      ),
      fileRequest: {
        command: "content",
        sub: "upload",
        option: "file",
        title: ctx.t("上传课程内容", "Upload course content"),
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
      title: ctx.t("检查未通过，没有发布任何内容", "Check failed; nothing was published"),
      text: issueLines(preview.issues, MAX_LINES, ctx.t).join("\n"),
      footer: ctx.t("修正后重新上传。", "Fix these and upload again."),
      tone: "error",
      private: true,
    };
  const against = base.version
    ? ctx.t(`与已发布的第 ${base.version} 版相比`, `against published version ${base.version}`)
    : ctx.t("与服务器上的文件相比", "against the files on the server");
  if (sameFiles(base.files, preview.files) || isEmptyDiff(preview.diff))
    return {
      text: ctx.t(
        `检查通过，但${against}没有任何改动，无需发布。`,
        `The check passed, but nothing changes ${against}: nothing to publish.`,
      ),
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
          ctx.t(
            `${keyChanges} 道题的答案改了：过去的作答保留原来的评分，除非选择“发布并重新评分”（涉及 ${preview.regradeLearners} 位学习者）。`,
            `${keyChanges} answer key(s) changed: past answers keep their grades unless you choose "Publish and regrade" (affects ${preview.regradeLearners} learner${preview.regradeLearners === 1 ? "" : "s"}).`,
          ),
        ]
      : []),
    ...(preview.diff.removed.length
      ? [
          ctx.t(
            "移除的题目保留历史：作答和复习卡都在，只是不再出这道题。",
            "Removed questions keep their history: answers and review cards stay; the question is no longer served.",
          ),
        ]
      : []),
  ].join("\n");
  return {
    title: ctx.t(
      `确认发布 ${file.filename.slice(0, 80)}？`,
      `Publish ${file.filename.slice(0, 80)}?`,
    ),
    text,
    fields: changeSections(preview, ctx.t, MAX_LINES).map((s) => ({
      name: s.name,
      value: s.lines.join("\n"),
    })),
    buttons: [
      {
        type: "button",
        id: `content:publish:${id}`,
        label: ctx.t("发布", "Publish"),
        style: "primary",
      },
      ...(keyChanges
        ? [
            {
              type: "button" as const,
              id: `content:regrade:${id}`,
              label: ctx.t("发布并重新评分", "Publish and regrade"),
              style: "danger" as const,
            },
          ]
        : []),
      { type: "button", id: `content:cancel:${id}`, label: ctx.t("取消", "Cancel") },
    ],
    private: true,
  };
}

const gone = () =>
  new UserError(
    bi(
      "这次上传已不在等待发布（已发布、已取消或超过一天）。请重新上传。",
      "This upload is no longer waiting (published, cancelled or older than a day). Upload it again.",
    ),
    "upload_gone",
  );

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
      text: ctx.t(
        `预览之后已有人发布了第 ${out.latest} 版，这份改动清单已过时。请重新上传，看看相对新版本的改动。`,
        `Version ${out.latest} was published after this preview, so the changes shown are out of date. Upload again to see what changes against it.`,
      ),
      tone: "warning",
      private: true,
    };
  await repo.deleteUpload(id);
  await source.refresh();
  return {
    text: [
      ctx.t(
        `已发布第 ${out.version} 版。本实例已在使用；其他实例几秒内自动切换，无需重启。`,
        `Published version ${out.version}. This instance serves it now; every other instance switches within seconds, with no restart.`,
      ),
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
    ? ctx.t(`正在使用已发布的第 ${live.version} 版`, `Serving published version ${live.version}`)
    : ctx.t(
        "正在使用服务器上的文件（尚未发布过）",
        "Serving the files on the server (nothing published yet)",
      );
  const lines = [
    `${serving}: ${c.id}, ${c.lessons.length} ${ctx.t("课", "lessons")}, ${c.questions.length} ${ctx.t("道题", "questions")}.`,
    ...(head
      ? [
          ctx.t(
            `最新发布：第 ${head.version} 版，${head.publishedAt.toISOString()}，发布者 ${head.publishedBy}。`,
            `Latest published: version ${head.version}, ${head.publishedAt.toISOString()}, by ${head.publishedBy}.`,
          ),
        ]
      : []),
  ];
  return { text: lines.join("\n"), private: true };
}

export const contentCommand: CommandDef = {
  name: "content",
  description: bi(
    "（管理员）不重启即可更新课程内容",
    "(admins) Update the course without a redeploy",
  ),
  admin: true,
  private: true,
  subcommands: [
    {
      name: "upload",
      description: bi(
        "上传 YAML 文件或课程 zip：检查、查看改动、确认后发布",
        "Upload a YAML file or a course zip: check, see what changes, publish",
      ),
      options: [
        {
          name: "file",
          type: "attachment",
          description: bi(
            "YAML 文件或课程文件夹的 zip",
            "A YAML file or a zip of the course folder",
          ),
        },
      ],
    },
    {
      name: "status",
      description: bi("本实例使用的课程版本", "Which course version this instance serves"),
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
        text: ctx.t("已取消，没有发布任何内容。", "Cancelled; nothing was published."),
        private: true,
      };
    },
  },
];
