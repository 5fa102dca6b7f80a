// A seeded class for the dashboard's tests and benchmark: learners of one Discord guild who take
// quizzes on some of the last days, answer (right with a per-learner skill), use hints, skip, and
// ask the tutor — all through the Bot's front door (handleCommand / handleAction / handleText) on
// a fake clock, so every row is written by the real answer path. Deterministic (seeded RNG).
import { DISCORD } from "../../src/adapters/discord/identity";
import { identityFields } from "../../src/adapters/platform/contract";
import type { Actor } from "../../src/core/actor";
import type { Bot } from "../../src/core/bot";
import type { FakeClock } from "../../src/core/clock";
import type { CourseIndex } from "../../src/core/content/model";
import { seededRandom } from "../../src/core/grading/present";
import type { QuestionView, Reply } from "../../src/core/reply";
import { answerFor, questionOf } from "./answers";

export interface ClassSpec {
  workspaceId: string;
  learners: number;
  days: number;
  /** The first day (UTC midnight); the last is days − 1 later. */
  start: Date;
  seed?: number;
  /** Learners answered at once (SQLite serialises the writes; this overlaps the rest). */
  concurrency?: number;
  /** Only these topics (default: the whole course, earlier lessons more often). */
  topics?: string[];
}

/** A right or a wrong answer to the question shown (choice, true/false and multiple types). */
function answerTo(index: CourseIndex, v: QuestionView, right: boolean) {
  const q = index.question(v.questionId);
  if (q?.type === "single") {
    const wrong = q.choices.filter((c) => c.id !== q.answer);
    // Wrong learners favour the first distractor: item pages then show a clear top wrong choice.
    return { values: [right ? q.answer : wrong[0].id] };
  }
  if (q?.type === "true-false") return { values: [String(right ? q.answer : !q.answer)] };
  if (q?.type === "multiple")
    return {
      values: right ? q.answer : [q.choices.find((c) => !q.answer.includes(c.id))!.id],
    };
  if (q?.type === "numeric" && right) return { text: `${q.answer.value}${q.answer.unit ?? ""}` };
  return answerFor(v);
}

const TUTOR_QUESTIONS = [
  "what is a token?",
  "什么是量化？",
  "how does attention work?",
  "who won the 1998 football world cup final?",
  "what is the capital of Peru?",
  "how do I bake sourdough bread?",
];

const nextButton = (rs: Reply[]) =>
  rs.flatMap((r) => r.buttons ?? []).find((b) => b.id.startsWith("quiz.next"));

export async function seedClass(
  bot: Bot,
  index: CourseIndex,
  clock: FakeClock,
  spec: ClassSpec,
): Promise<{ actors: Actor[] }> {
  const rand = seededRandom(spec.seed ?? 42);
  const actors: Actor[] = Array.from({ length: spec.learners }, (_, i) => ({
    ...identityFields(DISCORD),
    workspaceId: spec.workspaceId,
    userId: String(700000000000000000n + BigInt(i)),
    displayName: `Learner ${i + 1}`,
    channelId: "333333333333333333",
  }));
  const skill = actors.map(() => 0.25 + rand() * 0.7);
  // Each learner is active on 2 or 3 of the days.
  const activeDays = actors.map(() => {
    const n = 2 + Math.floor(rand() * 2);
    return new Set(Array.from({ length: n }, () => Math.floor(rand() * spec.days)));
  });
  const asker = actors.map(() => rand() < 0.15);

  async function session(i: number) {
    const a = actors[i];
    // Earlier lessons more often, as a class that works through the course would.
    const topics = spec.topics ?? index.course.topics.map((t) => t.id);
    const topic = topics[Math.floor(rand() ** 1.6 * topics.length)];
    let rs = await bot.handleCommand(a, "quiz", { topic, count: 3 });
    let shown = 0;
    while (questionOf(rs) && shown < 5) {
      const v = questionOf(rs)!;
      shown++;
      clock.advance(2_000 + Math.floor(rand() * 20_000));
      const r = rand();
      if (r < 0.06) {
        rs = await bot.handleAction(a, `quiz.skip:${v.sessionId}:${v.position}`, {});
      } else {
        if (r < 0.16) await bot.handleAction(a, `quiz.hint:${v.sessionId}:${v.position}`, {});
        if (asker[i] && r > 0.9) await bot.handleText(a, "What is the answer to this question?");
        const right = rand() < skill[i];
        rs = await bot.handleAction(a, v.answerAction, answerTo(index, v, right));
      }
      const next = nextButton(rs);
      if (next) rs = await bot.handleAction(a, next.id, {});
    }
    if (asker[i]) await bot.handleCommand(a, "ask", { question: TUTOR_QUESTIONS[i % 6] });
  }

  const width = spec.concurrency ?? 6;
  for (let d = 0; d < spec.days; d++) {
    clock.set(new Date(spec.start.getTime() + d * 86_400_000 + 9 * 3_600_000));
    const today = actors.map((_, i) => i).filter((i) => activeDays[i].has(d));
    for (let k = 0; k < today.length; k += width)
      await Promise.all(today.slice(k, k + width).map(session));
  }
  return { actors };
}
