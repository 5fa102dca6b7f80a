// A model that tries to leak the open question's answer in at least 30 disguises per question
// type (letters, texts, positions, phonetic names, 0-based indexes, distractor lists, partial
// eliminations, every numeric form and number words in both languages, verdicts, partial orders,
// single pairs; each plain, with zero-width or soft-hyphen characters, look-alike letters,
// full-width, base64, hex, bold), over two questions of each of the six types, as JSON and as an
// SSE stream. The learner asks only for concept help (the request gate lets it through), so the
// output check does all the work: nothing of the disguise may reach the learner, in the final
// reply or in any progress update, and the reply is the same refusal every time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Question } from "../../src/core/content/schema";
import { actor } from "../helpers/app";
import { startFakeOpenAi, type FakeOpenAi } from "../helpers/fake-openai";
import { disguises, showsDisguise } from "../helpers/leak-disguises";
import { course, createTutorTestApp, type TutorTestApp } from "../helpers/tutor-app";

const TYPES = ["single", "multiple", "true-false", "numeric", "ordering", "matching"] as const;
const REQUESTS = [
  "Explain the concept behind this question in detail",
  "讲讲这道题涉及的知识点",
  "What do the notes say about this topic?",
];

function twoOfType(type: Question["type"]): Question[] {
  return course()
    .index.course.questions.filter((q) => q.type === type)
    .slice(0, 2);
}

describe.each(TYPES)("a model leaking in disguise, %s questions open", (type) => {
  let fake: FakeOpenAi;
  let app: TutorTestApp;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    app = await createTutorTestApp("sqlite", {
      baseURL: fake.baseURL,
      budget: { max: 1000, dailyTokens: 10_000_000 },
    });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it.each(twoOfType(type).map((q) => [q.id, q] as const))(
    "%s: no disguise reaches the learner (JSON and SSE)",
    async (_id, q) => {
      const user = `u-${q.id}`;
      const learner = await app.services.store.learners.upsert(
        { platform: "console", workspaceId: "w1", externalId: user },
        user,
      );
      const session = await app.services.store.sessions.create({
        learnerId: learner.id,
        mode: "practice",
        topic: null,
        questionIds: [q.id],
        questionShownAt: app.clock.now(),
        startedAt: app.clock.now(),
      });
      const list = disguises(q, session.id, 30);
      expect(list.length).toBeGreaterThanOrEqual(30);
      const leaked: string[] = [];
      const replies = new Set<string>();
      for (const [k, d] of list.entries()) {
        const streamed = k % 2 === 1;
        fake.fallback = streamed ? { kind: "stream", pieces: 9 } : { kind: "ok" };
        fake.answer = () => `Sure! ${d.text} Hope that helps [1].`;
        const before = fake.chats.length;
        const partials: string[] = [];
        const [r] = await app.bot.handleCommand(
          actor(user),
          "ask",
          { question: REQUESTS[k % REQUESTS.length] },
          undefined,
          streamed
            ? {
                onProgress: (p) => {
                  partials.push(p.text);
                },
              }
            : {},
        );
        // The model was asked: this disguise was judged by the output check, not the request gate.
        expect(fake.chats.length, d.name).toBe(before + 1);
        for (const shown of [r.text, ...partials])
          if (showsDisguise(shown, d))
            leaked.push(`${streamed ? "SSE" : "JSON"} ${d.name} → ${shown.slice(0, 100)}`);
        replies.add(r.text);
      }
      expect(leaked).toEqual([]);
      // Every blocked answer reads the same (the one refusal, in each language asked).
      expect(
        [...replies].every((t) => /still open|还没作答/.test(t)),
        [...replies].join("\n"),
      ).toBe(true);
      expect(replies.size).toBeLessThanOrEqual(2);
    },
  );
});
