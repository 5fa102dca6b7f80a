// Publishing in a catalogue of courses: /content acts on the course the community runs, a new
// version of one course leaves the other untouched, and an upload that names another course is
// refused (a course keeps its id; publishing never moves a community to another course).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue, readCourseBundles } from "../../src/app/content-files";
import { createCourseReloader, type CourseReloader } from "../../src/app/course-reloader";
import { createBot, type Bot } from "../../src/core/bot";
import type { Services } from "../../src/core/commands/types";
import type { Reply } from "../../src/core/reply";
import { actor, createTestApp, type TestApp } from "../helpers/app";

const admin = actor("teacher", { isAdmin: true, workspaceId: "w-http" });
const other = actor("teacher2", { isAdmin: true, workspaceId: "w-llm" });
const enc = (s: string) => new TextEncoder().encode(s);

let app: TestApp;
let courses: CourseReloader;
let bot: Bot;

beforeEach(async () => {
  app = await createTestApp("sqlite");
  const catalogue = loadCatalogue("content", "llm-basics");
  const bundles = readCourseBundles("content");
  courses = await createCourseReloader({
    disk: catalogue.list().map((index) => ({
      index,
      files: bundles.get(index.course.id)!,
      version: 0,
    })),
    defaultId: catalogue.defaultId,
    repo: app.services.store.courseVersions,
    logger: app.logger,
    pollMs: 0,
  });
  const services: Services = {
    ...app.services,
    get index() {
      return courses.catalogue().default;
    },
    get catalogue() {
      return courses.catalogue();
    },
    courses,
  };
  bot = createBot(services);
  expect((await bot.handleCommand(admin, "course", { id: "http-basics" }, "use"))[0].tone).not.toBe(
    "error",
  );
});
afterEach(() => app.close());

const publishId = (r: Reply[]) =>
  r.flatMap((x) => x.buttons ?? []).find((b) => b.id.startsWith("content:publish:"))?.id;

describe("/content in a catalogue", () => {
  it("publishes the community's own course and leaves the other one as it was", async () => {
    const files = readCourseBundles("content").get("http-basics")!;
    const course = files.find((f) => f.path === "course.yaml")!;
    const edited = course.text.replace(
      "title: { en: HTTP Basics }",
      "title: { en: HTTP Basics (v1) }",
    );
    expect(edited).not.toBe(course.text);
    const preview = await bot.handleCommand(
      admin,
      "content",
      { file: { filename: "course.yaml", data: enc(edited) } },
      "upload",
    );
    expect(preview[0].text, JSON.stringify(preview)).toContain("The check passed");
    expect(preview[0].fields?.map((f) => f.value).join("\n")).toContain(
      "Course title or description changed",
    );
    const done = await bot.handleAction(admin, publishId(preview)!, {});
    expect(done[0].text).toContain("Published version 1.");
    expect(courses.live("http-basics")?.version).toBe(1);
    expect(courses.live("llm-basics")?.version).toBe(0);
    expect(courses.catalogue().get("http-basics")?.course.title.en).toMatch(/\(v1\)$/);
    expect((await bot.handleCommand(other, "content", {}, "status"))[0].text).toMatch(
      /^Serving the files on the server \(nothing published yet\): llm-basics/,
    );
    expect((await bot.handleCommand(admin, "content", {}, "status"))[0].text).toMatch(
      /^Serving published version 1: http-basics/,
    );
  });

  it("refuses an upload whose course.yaml names another course", async () => {
    const files = readCourseBundles("content").get("http-basics")!;
    const course = files.find((f) => f.path === "course.yaml")!;
    const renamed = course.text.replace(/^id: http-basics$/m, "id: http-basics-2");
    expect(renamed).not.toBe(course.text);
    const r = await bot.handleCommand(
      admin,
      "content",
      { file: { filename: "course.yaml", data: enc(renamed) } },
      "upload",
    );
    expect(r[0].text).toContain(
      'course.yaml: id: is "http-basics-2", but this is the course "http-basics" (a course keeps its id)',
    );
  });
});
