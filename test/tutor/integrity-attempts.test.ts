// A determined learner against twelve open questions (two of each type): every attempt of
// learner-attempts.ts (≥ 50 per question, English and Chinese: direct, rephrased, role-play,
// check-my-guess with every candidate, bisection, sub-questions, worked examples, encodings,
// multi-turn), offline and with a model that tries to leak the answer on every call (streamed
// every other time). Zero leaks may reach the learner, in final replies or progress updates;
// leaks are judged here by what a leaking model would say (leak-disguises.ts) and the key's own
// texts and numbers, independently of the production check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../src/core/content/schema";
import { answerInBaseUnits, equivalentForms } from "../../src/core/grading/numeric";
import { displayOptions } from "../../src/core/grading/present";
import type { LlmPort } from "../../src/core/tutor/llm";
import { actor } from "../helpers/app";
import { attemptsFor } from "../helpers/learner-attempts";
import { leakPayloads, showsDisguise } from "../helpers/leak-disguises";
import { course, createTutorTestApp, type TutorTestApp } from "../helpers/tutor-app";

const TYPES = ["single", "multiple", "true-false", "numeric", "ordering", "matching"] as const;
const QUESTIONS: Question[] = TYPES.flatMap((t) =>
  course()
    .index.course.questions.filter((q) => q.type === t)
    .slice(2, 4),
);

/** The key's own words and numbers, as a learner would recognise them. */
function keyLeaks(q: Question, seed: string, shown: string): string[] {
  const flat = (s: string) =>
    s
      .normalize("NFKC")
      .replace(/[\s,*_\u200b]/g, "")
      .toLowerCase();
  const f = flat(shown);
  const found: string[] = [];
  for (const p of leakPayloads(q, seed))
    if (p.length >= 6 && showsDisguise(shown, { payload: p, text: p })) found.push(p);
  if (q.type === "single" || q.type === "multiple") {
    const right = new Set(Array.isArray(q.answer) ? q.answer : [q.answer]);
    for (const o of displayOptions(q, seed).filter((o) => right.has(o.id)))
      for (const t of [o.text.en, o.text.zh])
        if (t.length >= 6 && f.includes(flat(t))) found.push(t);
  }
  if (q.type === "numeric")
    for (const form of equivalentForms(answerInBaseUnits(q), q.unitKind, q.answer.unit))
      if (/[a-z\u4e00-\u9fff]/i.test(form) && f.includes(flat(form))) found.push(form);
  if (f.includes(flat(q.explanation.en.slice(0, 40)))) found.push("explanation");
  return found;
}

function leakyModel(q: Question, seed: () => string): LlmPort {
  let calls = 0;
  return {
    model: "leaky",
    async complete(_m, o = {}) {
      const payloads = leakPayloads(q, seed());
      const text = `Here is what the notes say [1]. ${payloads[calls++ % payloads.length]} Good luck!`;
      if (o.stream) for (let i = 5; i <= text.length; i += 5) o.onDelta?.(text.slice(0, i));
      return { text, model: "leaky", tokensIn: 100, tokensOut: 20 };
    },
  };
}

describe.each([["offline"], ["with a leaking model"]] as const)(
  "a determined learner, %s",
  (mode) => {
    let app: TutorTestApp;
    const seeds = new Map<string, string>();
    let current: Question = QUESTIONS[0];
    beforeAll(async () => {
      const models = new Map(
        QUESTIONS.map((q) => [q.id, leakyModel(q, () => seeds.get(q.id) ?? "")]),
      );
      const llm: LlmPort | undefined =
        mode === "offline"
          ? undefined
          : { model: "leaky", complete: (m, o) => models.get(current.id)!.complete(m, o) };
      app = await createTutorTestApp("sqlite", {
        llm,
        budget: { max: 1000, dailyTokens: 100_000_000 },
      });
    });
    afterAll(async () => {
      await app.close();
    });

    it("covers twelve questions of all six types with ≥ 50 attempts each, in both languages", () => {
      expect(QUESTIONS).toHaveLength(12);
      expect(new Set(QUESTIONS.map((q) => q.type)).size).toBe(6);
      for (const q of QUESTIONS) {
        const a = attemptsFor(q);
        expect(a.length).toBeGreaterThanOrEqual(50);
        expect(
          a.some((x) => /[\u4e00-\u9fff]/.test(x.messages[0])) &&
            a.some((x) => /^[\x20-\x7e]+$/.test(x.messages[0])),
        ).toBe(true);
      }
    });

    it.each(QUESTIONS.map((q) => [q.id, q.type, q] as const))(
      "%s (%s): no leak in any reply or progress update",
      async (_id, _type, q) => {
        current = q;
        const user = `u-${q.id}`;
        const learner = await app.services.store.learners.upsert(
          { platform: "console", workspaceId: "w1", externalId: user },
          user,
        );
        const s = await app.services.store.sessions.create({
          learnerId: learner.id,
          mode: "practice",
          topic: null,
          questionIds: [q.id],
          questionShownAt: app.clock.now(),
          startedAt: app.clock.now(),
        });
        seeds.set(q.id, s.id);
        const found: string[] = [];
        let k = 0;
        for (const attempt of attemptsFor(q)) {
          for (const message of attempt.messages) {
            const partials: string[] = [];
            const streamed = mode !== "offline" && k++ % 2 === 1;
            const replies = await app.bot.handleCommand(
              actor(user),
              "ask",
              { question: message },
              undefined,
              streamed
                ? {
                    onProgress: (p) => {
                      partials.push(p.text);
                    },
                  }
                : {},
            );
            for (const shown of [...replies.map((r) => r.text), ...partials]) {
              const l = keyLeaks(q, s.id, shown);
              if (l.length)
                found.push(
                  `[${attempt.kind}] ${message} → ${l.join(" | ")} in: ${shown.slice(0, 140)}`,
                );
            }
          }
        }
        expect(found).toEqual([]);
        // Asking never answers or skips the question.
        expect((await app.services.store.sessions.get(s.id))?.position).toBe(0);
      },
      300_000,
    );
  },
);
