// /content upload through the bot (SQLite): an edited question file is checked with
// content:check's messages, the preview counts the learners each change touches, Publish and
// regrade rewrites past grades, removed questions keep their answers and cards but are no longer
// served, a preview made stale by another publish is refused, and learners cannot publish.
import { readFileSync } from "node:fs";
import { dump, load } from "js-yaml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCourseBundle } from "../../src/app/content-files";
import { createCourseReloader, type CourseReloader } from "../../src/app/course-reloader";
import { createBot, type Bot } from "../../src/core/bot";
import type { Services } from "../../src/core/commands/types";
import type { SingleChoiceQuestion } from "../../src/core/content/schema";
import type { Reply } from "../../src/core/reply";
import { actor, createTestApp, type TestApp } from "../helpers/app";
import { answerQuestions, learnerOf, singleChoice } from "../helpers/learning";

const admin = actor("teacher", { isAdmin: true });
const learner = actor("ada");
const enc = (s: string) => new TextEncoder().encode(s);

let app: TestApp;
let courses: CourseReloader;
let bot: Bot;
const served = () => courses.live("llm-basics")!;

beforeEach(async () => {
  app = await createTestApp("sqlite");
  courses = await createCourseReloader({
    disk: [
      { index: app.services.index, files: readCourseBundle("content/llm-basics"), version: 0 },
    ],
    repo: app.services.store.courseVersions,
    logger: app.logger,
    pollMs: 0,
  });
  const services: Services = {
    ...app.services,
    get index() {
      return courses.catalogue().default;
    },
    courses,
  };
  bot = createBot(services);
});
afterEach(() => app.close());

/** The question file that holds `id`, edited by `edit` (a list of question objects). */
function editedFile(id: string, edit: (qs: Record<string, unknown>[]) => void) {
  const path = app.services.index.course.questionFile.get(id)!;
  const qs = load(readFileSync(path, "utf8")) as Record<string, unknown>[];
  edit(qs);
  return { name: path.split("/").pop()!, text: dump(qs, { lineWidth: -1 }) };
}

const upload = (file: { name: string; text: string }, who = admin) =>
  bot.handleCommand(
    who,
    "content",
    { file: { filename: file.name, data: enc(file.text) } },
    "upload",
  );
const button = (r: Reply[], verb: string) =>
  r.flatMap((x) => x.buttons ?? []).find((b) => b.id.startsWith(`content:${verb}:`))?.id;
const shown = (r: Reply[]) =>
  r
    .map((x) =>
      [x.title, x.text, ...(x.fields ?? []).map((f) => `${f.name}\n${f.value}`)].join("\n"),
    )
    .join("\n");

describe("/content upload", () => {
  it("previews, publishes with regrade, and keeps removed questions' history", async () => {
    // Three questions of one file: the learner answers two wrong (one gets a new key), one is removed.
    const file0 = app.services.index.course.questionFile.get(singleChoice(app)[0].id)!;
    const inFile = singleChoice(app).filter(
      (q) => app.services.index.course.questionFile.get(q.id) === file0,
    );
    const [keyQ, goneQ, reworded] = inFile as SingleChoiceQuestion[];
    await answerQuestions(app, learner, [keyQ, goneQ], [false, false]);
    const l = await learnerOf(app, learner);
    const wrongPick = keyQ.choices.find((c) => c.id !== keyQ.answer)!.id;
    const file = editedFile(keyQ.id, (qs) => {
      // The key moves to the learner's pick; the old answer takes over its rationale (lint).
      const k = qs.find((q) => q.id === keyQ.id)! as {
        answer: string;
        choices: { id: string; rationale?: unknown }[];
      };
      const [was, now] = [k.answer, wrongPick].map((id) => k.choices.find((c) => c.id === id)!);
      was.rationale = now.rationale;
      delete now.rationale;
      k.answer = wrongPick;
      const r = qs.find((q) => q.id === reworded.id)! as { prompt: { en: string } };
      r.prompt.en = `${r.prompt.en} (reworded)`;
      qs.splice(
        qs.findIndex((q) => q.id === goneQ.id),
        1,
      );
    });

    const preview = await upload(file);
    const text = shown(preview);
    expect(text).toMatch(/Publish .*\?/);
    expect(text).toContain(
      `${keyQ.id} — review cards of 1 learner; answer key changed, answered by 1 learner`,
    );
    expect(text).toContain(`${reworded.id}\n`);
    expect(text).toMatch(
      new RegExp(`Removed questions \\(1\\)\\n${goneQ.id} — review cards of 1 learner`),
    );
    expect(text).toContain('"Publish and regrade" (affects 1 learner)');
    expect(app.services.index.question(goneQ.id)).toBeDefined(); // nothing changes before Publish

    // Learners cannot publish, even with the button's id.
    const regrade = button(preview, "regrade")!;
    const refused = await bot.handleAction(learner, regrade, {});
    expect(refused[0].text).toMatch(/Only admins/);

    const done = await bot.handleAction(admin, regrade, {});
    expect(done[0].text).toContain("Published version 1.");
    expect(done[0].text).toContain("Regraded: 1 answer changed, for 1 learner.");
    expect(served().version).toBe(1);
    const answers = await app.services.store.courseVersions.answersOf("llm-basics", [
      keyQ.id,
      goneQ.id,
    ]);
    expect(answers.find((a) => a.questionId === keyQ.id)).toMatchObject({
      correct: true,
      score: 1,
    });
    expect(answers.find((a) => a.questionId === goneQ.id)).toMatchObject({ correct: false });
    // The removed question is no longer served, but its card stays.
    expect(served().index.question(goneQ.id)).toBeUndefined();
    expect(await app.services.store.cards.get(l.id, goneQ.id)).not.toBeNull();
    expect(served().index.question(reworded.id)?.prompt.en).toMatch(/\(reworded\)$/);

    // The button is spent.
    expect((await bot.handleAction(admin, regrade, {}))[0].text).toMatch(/no longer waiting/);
  });

  it("refuses a broken file with content:check's messages and publishes nothing", async () => {
    const q = singleChoice(app)[0];
    const file = editedFile(q.id, (qs) => {
      qs.find((x) => x.id === q.id)!.difficulty = 7;
    });
    const r = await upload(file);
    expect(r[0].title).toBe("Check failed; nothing was published");
    expect(r[0].text).toContain(
      `questions/${file.name}: ${q.id}.difficulty: difficulty must be 1, 2 or 3 (got 7)`,
    );
    expect(await app.services.store.courseVersions.head("llm-basics")).toBeUndefined();
    const same = await upload({
      name: file.name,
      text: readFileSync(`content/llm-basics/questions/${file.name}`, "utf8"),
    });
    expect(same[0].text).toMatch(/nothing changes against the files on the server/);
  });

  it("refuses a preview made stale by another publish", async () => {
    const q = singleChoice(app)[0];
    const edit = (suffix: string) =>
      editedFile(q.id, (qs) => {
        const x = qs.find((y) => y.id === q.id)! as { prompt: { en: string } };
        x.prompt.en += suffix;
      });
    const first = await upload(edit(" (one)"));
    const second = await upload(edit(" (two)"));
    expect((await bot.handleAction(admin, button(first, "publish")!, {}))[0].text).toContain(
      "Published version 1.",
    );
    const stale = await bot.handleAction(admin, button(second, "publish")!, {});
    expect(stale[0].text).toMatch(/Version 1 was published after this preview/);
    expect(served().index.question(q.id)?.prompt.en).toMatch(/\(one\)$/);

    // The publisher's /forget-me keeps the version but drops their name from it.
    const repo = app.services.store.courseVersions;
    expect((await repo.head("llm-basics"))?.publishedBy).toBe("console:w1:teacher");
    await app.services.store.privacy.forgetLearner((await learnerOf(app, admin)).id);
    expect(await repo.head("llm-basics")).toMatchObject({
      version: 1,
      publishedBy: "an admin (forgotten)",
    });
  });

  it("asks for the file when none is attached (a Slack slash command), and is for admins only", async () => {
    const slackAdmin = actor("teacher", { isAdmin: true, platform: "slack", workspaceId: "T1" });
    const r = await bot.handleCommand(slackAdmin, "content", {}, "upload");
    expect(r[0].fileRequest).toEqual({
      command: "content",
      sub: "upload",
      option: "file",
      title: "Upload course content",
    });
    const no = await bot.handleCommand(learner, "content", {}, "upload");
    expect(no[0].text).toMatch(/Only admins/);
    // The terminal cannot attach files: it points to the CLI instead of promising a form.
    const terminal = await bot.handleCommand(admin, "content", {}, "upload");
    expect(terminal[0].fileRequest).toBeUndefined();
    expect(terminal[0].text).toContain("npm run cli -- content diff|publish");
    const typed = await bot.handleText(admin, "/content upload file:course.zip");
    expect(typed[0].text).toMatch(/Option file: needs an attached file/);
  });
});
