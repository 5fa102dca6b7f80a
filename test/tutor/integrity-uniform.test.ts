// The refusal is no oracle. For every question in the course, fast-check draws ways of proposing
// an answer (English and Chinese, with case, spacing and full-width changes); for each, every
// candidate answer (every option label and text, orders, pairings, true/false words, numbers near
// and far from the answer) must get the same outcome: the same kind of reply with the same words.
// The model behind the tutor is a worst case: it grades what it is shown against the key, so any
// candidate that got past the request gate would get a different reply.
// Also issue 14's "why is B wrong?" once the next question is shown: the uniform refusal for the
// ambiguous message (naming the previous question as the way out), an answer about the answered
// question when the message names it, the same for every letter.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../src/core/content/schema";
import { LETTERS } from "../../src/core/grading/present";
import type { LlmPort } from "../../src/core/tutor/llm";
import { detectLanguage } from "../../src/core/tutor/segment";
import { actor } from "../helpers/app";
import { candidates } from "../helpers/learner-attempts";
import { course, createTutorTestApp, type TutorTestApp } from "../helpers/tutor-app";

const TEMPLATES = [
  "I'm leaning towards {c}, does that sound reasonable?",
  "我觉得是{c}，你觉得呢？",
  "Is it {c}?",
  "{c}?",
  "Check my answer: {c}",
  "我选{c}，对吗？",
  "would {c} be right",
  "My guess is {c}.",
  "is the answer {c} or not",
  "{c} — right or wrong?",
  "答案是不是{c}",
  "should I go with {c}",
];
const STYLES: ((s: string) => string)[] = [
  (s) => s,
  (s) => s.toUpperCase(),
  (s) => `  ${s.replace(/ /g, "  ")} `,
  (s) => `${s} please`,
  (s) =>
    [...s]
      .map((c) => (c >= "!" && c <= "~" ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
      .join(""),
];

/** Every candidate, plus option texts for choice questions. */
function allCandidates(q: Question): string[] {
  const out = candidates(q);
  if (q.type === "single" || q.type === "multiple") out.push(...q.choices.map((c) => c.text.en));
  return out;
}

/** A worst-case model: it compares the learner's message with the key and says what it sees. */
const gradingModel = (key: () => Question): LlmPort => ({
  model: "grader",
  async complete(messages) {
    const m = messages.at(-1)!.content;
    const q = key();
    const right = q.type === "single" ? [q.answer] : q.type === "multiple" ? q.answer : [];
    const hit = right.some((id) =>
      m.includes(
        q.type === "single" || q.type === "multiple"
          ? q.choices.find((c) => c.id === id)!.text.en
          : id,
      ),
    );
    return {
      text: hit ? "Spot on, well reasoned [1]." : "Hmm, have another look at the notes [1].",
      model: "grader",
      tokensIn: 10,
      tokensOut: 5,
    };
  },
});

describe("the same outcome for every candidate answer", () => {
  let app: TutorTestApp;
  let current: Question;
  beforeAll(async () => {
    app = await createTutorTestApp("sqlite", {
      llm: gradingModel(() => current),
      budget: { max: 1000, dailyTokens: 100_000_000 },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it("holds for every question in the course", async () => {
    const questions = course().index.course.questions;
    expect(questions.length).toBeGreaterThan(100);
    const differing: string[] = [];
    for (const q of questions) {
      current = q;
      const user = `p-${q.id}`;
      const learner = await app.services.store.learners.upsert(
        { platform: "console", workspaceId: "w1", externalId: user },
        user,
      );
      await app.services.store.sessions.create({
        learnerId: learner.id,
        mode: "practice",
        topic: null,
        questionIds: [q.id],
        questionShownAt: app.clock.now(),
        startedAt: app.clock.now(),
      });
      const cands = allCandidates(q);
      await fc
        .assert(
          fc.asyncProperty(
            fc.constantFrom(...TEMPLATES),
            fc.constantFrom(...STYLES),
            async (tpl, style) => {
              // The reply's language follows the message's ("true" vs "对"), so the words are compared
              // among messages in one language; the kind of reply across all of them.
              const outcomes = new Map<string, string[]>();
              const kinds = new Set<string>();
              for (const c of cands) {
                const message = style(tpl.replace("{c}", c));
                const [r] = await app.bot.handleCommand(actor(user), "ask", { question: message });
                const key = `${detectLanguage(message) ?? "?"}|${r.text}`;
                kinds.add(`${r.tone}|${r.footer ?? ""}|${/still open|还没作答/.test(r.text)}`);
                outcomes.set(key, [...(outcomes.get(key) ?? []), c]);
              }
              const langs = new Set([...outcomes.keys()].map((k) => k.split("|")[0]));
              const same = kinds.size === 1 && outcomes.size === langs.size;
              if (!same)
                differing.push(
                  `${q.id} "${style(tpl)}": ${[...outcomes.values()].map((cs) => cs.join(", ")).join("  ≠  ")}`,
                );
              return same;
            },
          ),
          { numRuns: 3, seed: 12, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    expect(differing).toEqual([]);
  }, 600_000);
});

describe("'why is B wrong?' once the next question is shown (issue 14)", () => {
  let app: TutorTestApp;
  beforeAll(async () => {
    app = await createTutorTestApp("sqlite");
  });
  afterAll(async () => {
    await app.close();
  });

  it("refuses the ambiguous question alike for every letter, and answers it about the previous question when named", async () => {
    const singles = course().index.course.questions.filter((q) => q.type === "single");
    const [first, second] = [singles[0], singles[1]];
    const learner = await app.services.store.learners.upsert(
      { platform: "console", workspaceId: "w1", externalId: "u1" },
      "u1",
    );
    const s = await app.services.store.sessions.create({
      learnerId: learner.id,
      mode: "practice",
      topic: null,
      questionIds: [first.id, second.id],
      questionShownAt: app.clock.now(),
      startedAt: app.clock.now(),
    });
    await app.bot.handleText(actor("u1"), "B");
    expect((await app.services.store.sessions.get(s.id))?.position).toBe(1);
    const letters = [...LETTERS.slice(0, Math.min(first.choices.length, second.choices.length))];
    const ambiguous = new Set<string>();
    const named = new Set<string>();
    for (const L of letters) {
      const [r] = await app.bot.handleCommand(actor("u1"), "ask", {
        question: `why is ${L} wrong?`,
      });
      ambiguous.add(r.text);
      const [p] = await app.bot.handleCommand(actor("u1"), "ask", {
        question: `why is ${L} wrong in the previous question?`,
      });
      named.add(`${p.tone}|${p.text.includes("still open")}`);
      expect(p.text, L).not.toContain("still open");
    }
    expect(ambiguous.size).toBe(1);
    expect([...ambiguous][0]).toContain("previous question");
    expect(named.size).toBe(1);
    const [zh] = await app.bot.handleCommand(actor("u1"), "ask", {
      question: "上一题为什么 B 不对？",
    });
    expect(zh.text).not.toContain("还没作答");
    // The answer draws on the answered question: its explanation or its own section.
    const [why] = await app.bot.handleCommand(actor("u1"), "ask", {
      question: "why is B wrong in the previous question?",
    });
    expect(why.fields?.map((f) => f.value).join("\n") ?? why.text).toMatch(
      new RegExp(`${first.id}|${first.lesson}#${first.section}`),
    );
  });
});
