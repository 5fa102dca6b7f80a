// One scenario, run unchanged on Discord, Slack and the terminal, each driven over its own wire
// format (drivers/): a quiz with every question type, a hint, a skip, a streamed /ask, a
// channel round with two learners, a weekly lesson delivered exactly once, and a private reply.
// Where a platform cannot do something (drivers' `caps`), its documented fallback is asserted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAi, type FakeOpenAi } from "../helpers/fake-openai";
import {
  fixtureCourse,
  pickedTexts,
  plain,
  QUESTION_TYPES,
  shows,
  whichQuestion,
  wrongAnswer,
  type FixtureCourse,
} from "./drivers/common";
import { consoleDriver } from "./drivers/console";
import { discordDriver } from "./drivers/discord";
import type { PlatformDriver } from "./drivers/driver";
import { slackDriver } from "./drivers/slack";

// Long enough to stream in several pieces past the guard that holds back a stream's start.
const TUTOR_ANSWER =
  "A parameter is a number the model learns in training, a weight or a bias; a model's size " +
  "is its number of parameters, counted in M, B and T [1].";

let llm: FakeOpenAi;
let course: FixtureCourse;
beforeAll(async () => {
  llm = await startFakeOpenAi();
  llm.answer = () => TUTOR_ANSWER;
  course = fixtureCourse();
});
afterAll(async () => {
  await llm?.close();
  course?.remove();
});

/** A line of the shown text is the answer's start cut short ("A parameter is …"). */
const startsAnswer = (shown: string, answer: string) =>
  shown.split("\n").some((line) => {
    const start = plain(line).replace(/\s*…$/, "");
    return line.trim().endsWith("…") && start.length >= 5 && plain(answer).startsWith(start);
  });

const drivers: PlatformDriver[] = [
  discordDriver(() => llm),
  slackDriver(() => llm),
  consoleDriver(() => llm),
];

describe.each(drivers)("scenario on $name", (d) => {
  const [ann, bo] = d.learners;
  beforeAll(() => d.start(course));
  afterAll(() => d.stop());

  it("a quiz shows every question type once, takes a hint, grades each answer", async () => {
    let shown = await d.startQuiz(ann, QUESTION_TYPES.length);
    const seen: string[] = [];
    for (let i = 0; i < QUESTION_TYPES.length; i++) {
      expect(shown.text).toContain(`Question ${i + 1}/${QUESTION_TYPES.length}`);
      const q = whichQuestion(course.questions, shown.text);
      seen.push(q.type);
      if (i === 0) {
        const hint = await d.hint(ann);
        expect(hint.visibility).toBe("private");
        expect(shows(hint.text, q.hints[0].en)).toBe(true);
      }
      const { verdict, next } = await d.answer(ann, q, q.answer);
      expect(verdict.text).toContain("Correct");
      expect(verdict.visibility).toBe("private");
      if (i < QUESTION_TYPES.length - 1) shown = next!;
      else expect(`${verdict.text}\n${next?.text ?? ""}`).toMatch(/Quiz finished/);
    }
    expect([...seen].sort()).toEqual([...QUESTION_TYPES].sort());
  });

  it("a skip shows the answer and counts nothing", async () => {
    const shown = await d.startQuiz(ann, 1);
    const q = whichQuestion(course.questions, shown.text);
    const skipped = await d.skip(ann);
    expect(skipped.text).toMatch(/Skipped/);
    expect(skipped.text).toMatch(/Answer/);
    const right = q.type === "numeric" ? String(q.answer.value) : pickedTexts(q, q.answer)[0];
    expect(shows(skipped.text, right)).toBe(true);
  });

  it("/ask streams: partial answers, then the final answer, which stays", async () => {
    // The model streams when the platform can show it (a terminal asks for the whole answer).
    llm.script.push(d.caps.streaming ? { kind: "stream", pieces: 6 } : { kind: "ok" });
    const { versions, final } = await d.ask(ann, "what is a parameter?");
    const body = TUTOR_ANSWER.replace(" [1].", "");
    expect(shows(final.text, body)).toBe(true);
    expect(versions.at(-1)).toBe(final.text);
    if (d.caps.streaming) {
      // Partial answers: a start of the answer marked as unfinished ("…"), shown before the
      // whole of it (a placeholder such as "Thinking…" does not count).
      const partials = versions.filter((v) => v !== final.text && startsAnswer(v, body));
      expect(partials.length).toBeGreaterThanOrEqual(1);
      expect(versions.indexOf(partials.at(-1)!)).toBeLessThan(versions.length - 1);
    } else {
      // Documented fallback: no editable messages, so the finished answer is shown once.
      expect(versions).toHaveLength(1);
    }
  });

  it("a channel round: two learners answer every question type on the shared message", async () => {
    let shown = await d.startRound(ann, QUESTION_TYPES.length);
    if (!d.caps.channels) {
      // Documented fallback: rounds need a shared channel; the learner is pointed to /quiz.
      expect(shown.text).toMatch(/Channel rounds run in a server channel.*\/quiz/);
      return;
    }
    const seen: string[] = [];
    let channel = "";
    for (let i = 1; i <= QUESTION_TYPES.length; i++) {
      expect(shown.visibility).toBe("public");
      expect(shown.text).toContain(`Channel round · ${i}/${QUESTION_TYPES.length}`);
      const q = whichQuestion(course.questions, shown.text);
      seen.push(q.type);
      // Ann answers right, Bo wrong; each is told privately, the shared message stays.
      for (const ack of [
        await d.answerRound(ann, q, q.answer),
        await d.answerRound(bo, q, wrongAnswer(q)),
      ]) {
        expect(ack.visibility).toBe("private");
        expect(ack.text).toMatch(/Answer locked in/);
      }
      const posts = await d.timeUp();
      expect(posts.every((p) => p.visibility === "public")).toBe(true);
      channel = posts.map((p) => p.text).join("\n");
      expect(channel).toMatch(new RegExp(`Time's up · ${i}/`));
      expect(channel).toMatch(/2 answered, 1 right/);
      if (i < QUESTION_TYPES.length) shown = posts.at(-1)!;
    }
    expect([...seen].sort()).toEqual([...QUESTION_TYPES].sort());
    // The scoreboard: Ann got all six (first to answer each), Bo none; both are listed.
    const board = channel.slice(channel.lastIndexOf("Scoreboard"));
    expect(board).toMatch(new RegExp(`${ann.name}\\D+60 pts \\(6/6\\)`));
    expect(board).toMatch(new RegExp(`${bo.name}\\D+0 pts \\(0/6\\)`));
  });

  it("a weekly lesson is delivered exactly once when it is due", async () => {
    const { first, second, where } = await d.deliverLesson();
    // Documented fallback without channels: the subscription is the learner's own (a DM).
    expect(where).toBe(d.caps.channels ? "channel" : "dm");
    expect(first).toHaveLength(1);
    expect(first[0].text).toContain(course.lessonTitle);
    expect(first[0].text).toMatch(/Lesson 1 of 1/);
    expect(second).toHaveLength(0);
  });

  it("/progress is shown only to the learner who asked", async () => {
    const p = await d.progress(ann);
    expect(p.visibility).toBe("private");
    expect(p.text).toMatch(/Your progress/);
    expect(p.text).toMatch(/6 answered, 6 right/);
  });
});
