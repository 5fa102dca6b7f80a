// The reloader serves the newest published version: it swaps in a newer one (with the course's
// tutor built for it), skips a stored version that fails this code's checks (logged, the
// previous one stays in service) and loads the next good one, and keeps the old course when the
// rebuild fails.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadContent, readCourseBundle } from "../../src/app/content-files";
import { createCourseReloader } from "../../src/app/course-reloader";
import type { CourseVersionRepo } from "../../src/core/ports/course-versions";
import type { TutorService } from "../../src/core/tutor/service";
import { recordingLogger } from "../helpers/app";
import { createTestDb, type TestDb } from "../helpers/db";
import { createStore } from "../../src/db/store";

const files = readCourseBundle("content/llm-basics");
const index = loadContent("content");
const marked = (mark: string) =>
  files.map((f) =>
    f.path === "course.yaml" ? { ...f, text: f.text.replace(/^(title:.*)$/m, `$1\n# ${mark}`) } : f,
  );
const withTitle = (en: string) =>
  files.map((f) =>
    f.path === "course.yaml" ? { ...f, text: f.text.replace(/en: .*/, `en: ${en}`) } : f,
  );

let testDb: TestDb;
let repo: CourseVersionRepo;
beforeEach(async () => {
  testDb = await createTestDb("sqlite");
  repo = createStore(testDb.db.prisma).courseVersions;
});
afterEach(() => testDb.drop());

const publish = (f: typeof files, baseVersion: number) =>
  repo.publish({
    courseId: "llm-basics",
    files: f,
    baseVersion,
    publishedAt: new Date(),
    publishedBy: "test",
  });

describe("course reloader", () => {
  it("serves the newest good version and skips one that fails the check", async () => {
    const logger = recordingLogger();
    const built: number[] = [];
    const r = await createCourseReloader({
      disk: [{ index, files, version: 0 }],
      repo,
      logger,
      pollMs: 0,
      buildTutor: async (next) => {
        built.push(next.version);
        return {} as TutorService;
      },
    });
    expect(r.live("llm-basics")!.version).toBe(0);
    expect(await publish(withTitle("Version one"), 0)).toBe(true);
    expect(await publish(marked("dup"), 0)).toBe(false); // the same base cannot win twice
    await r.refresh();
    expect(r.live("llm-basics")!.version).toBe(1);
    expect(r.live("llm-basics")!.index.course.title.en).toBe("Version one");

    const broken = files.filter((f) => f.path !== "course.yaml");
    expect(await publish(broken, 1)).toBe(true);
    await r.refresh();
    await r.refresh();
    expect(r.live("llm-basics")!.version).toBe(1);
    expect(logger.lines.filter((l) => l.level === "error")).toHaveLength(1);

    expect(await publish(withTitle("Version three"), 2)).toBe(true);
    await r.refresh();
    expect(r.live("llm-basics")!.index.course.title.en).toBe("Version three");
    expect(built).toEqual([0, 1, 3]);
  });

  it("keeps the old course when rebuilding for the new one fails, and tries again", async () => {
    let fail = true;
    const r = await createCourseReloader({
      disk: [{ index, files, version: 0 }],
      repo,
      logger: recordingLogger(),
      pollMs: 0,
      buildTutor: async (next) => {
        if (fail && next.version > 0) throw new Error("tutor index failed");
        return {} as TutorService;
      },
    });
    await publish(withTitle("Next"), 0);
    await expect(r.refresh()).rejects.toThrow("tutor index failed");
    expect(r.live("llm-basics")!.version).toBe(0);
    fail = false;
    await r.refresh();
    expect(r.live("llm-basics")!.index.course.title.en).toBe("Next");
  });
});
