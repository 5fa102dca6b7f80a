// What every driver's app shares: the start time of the fake clock, the environment (fixture
// course, fake tutor, a lesson cron that never fires by itself), and a lesson slot to subscribe.
import type { FakeOpenAi } from "../../helpers/fake-openai";
import type { FixtureCourse } from "./common";

/** A Monday morning, like the other end-to-end tests. */
export const SCENARIO_START = "2026-03-02T09:00:00Z";

export function scenarioEnv(course: FixtureCourse, llm: FakeOpenAi): Record<string, string> {
  return {
    CONTENT_DIR: course.dir,
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_API_KEY: "sk-scenario-test-123456",
    OPENAI_MODEL: "fake-model",
    // The scenario runs the scheduler's tick itself, at the time it sets on the fake clock.
    LESSON_TICK_CRON: "0 0 1 1 *",
  };
}

/** Seconds per channel-round question the scenario asks for; time runs out just after. */
export const ROUND_SECONDS = 30;
export const ROUND_TIME_UP_MS = (ROUND_SECONDS + 1) * 1000;

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** A weekly slot on the next full hour but one (UTC), and a moment just after it is due. */
export function lessonSlot(now: Date): { day: string; time: string; due: Date } {
  const at = new Date(now);
  at.setUTCHours(at.getUTCHours() + 2, 0, 0, 0);
  return {
    day: DAYS[at.getUTCDay()],
    time: `${String(at.getUTCHours()).padStart(2, "0")}:00`,
    due: new Date(at.getTime() + 30_000),
  };
}
