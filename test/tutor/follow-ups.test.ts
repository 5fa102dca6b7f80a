// Follow-ups and citations through the bot: the context follows the question the learner answered
// most recently (not the first one ever discussed), an unrelated earlier message does not steer
// a new question's search, a quiz explanation is cited as that question's explanation, and an
// answer that cites nothing lists "Related notes", never "Sources".
import { afterEach, describe, expect, it } from "vitest";
import type { LlmPort } from "../../src/core/tutor/llm";
import { actor } from "../helpers/app";
import { course, createTutorTestApp, type TutorTestApp } from "../helpers/tutor-app";

let app: TutorTestApp;
afterEach(async () => {
  await app?.close();
});

const LLAMA = "l02-fp16-13b"; // numeric: Llama 2 13B in fp16
const SORA = "sora-dit-role"; // single choice, lesson 10

const scriptedModel = (reply: () => string): LlmPort & { seen: string[] } => {
  const m = {
    model: "scripted",
    seen: [] as string[],
    async complete(messages: { content: string }[]) {
      m.seen.push(messages.map((x) => x.content).join("\n"));
      return { text: reply(), model: "scripted", tokensIn: 10, tokensOut: 5 };
    },
  };
  return m;
};

/** Opens a quiz on one question and answers it by typing, as a learner would. */
async function answer(questionId: string, typed: string) {
  const learner = await app.services.store.learners.upsert(
    { platform: "console", workspaceId: "w1", externalId: "u1" },
    "u1",
  );
  await app.services.store.sessions.create({
    learnerId: learner.id,
    mode: "practice",
    topic: null,
    questionIds: [questionId],
    questionShownAt: app.clock.now(),
    startedAt: app.clock.now(),
  });
  const [verdict] = await app.bot.handleText(actor("u1"), typed);
  expect(await app.services.store.answers.hasAnswered(learner.id, questionId), verdict.text).toBe(
    true,
  );
  app.clock.advance(60_000);
}

const ask = async (question: string) => {
  const [r] = await app.bot.handleCommand(actor("u1"), "ask", { question });
  app.clock.advance(30_000);
  return r;
};

describe("follow-up context", () => {
  it("follows the question answered most recently: 'why is that?' after Llama, then after Sora", async () => {
    const model = scriptedModel(() => "Because of the notes [1].");
    app = await createTutorTestApp("sqlite", { llm: model });
    const llama = course().index.question(LLAMA)!;
    const sora = course().index.question(SORA)!;
    await answer(LLAMA, "26 GB");
    await ask("why is that?");
    expect(model.seen[0]).toContain(llama.prompt.en);
    await answer(SORA, "A");
    await ask("why is that?");
    expect(model.seen[1]).toContain(sora.prompt.en);
    expect(model.seen[1]).not.toContain(llama.prompt.en);
  });

  it("offline: 'why?' after a verdict adds the question's lesson section, not the explanation the verdict showed", async () => {
    app = await createTutorTestApp();
    const llama = course().index.question(LLAMA)!;
    await answer(LLAMA, "26 GB");
    const first = await ask("why is that?");
    const sources = first.fields?.find((f) => f.name === "Sources")?.value ?? "";
    expect(sources).toContain(`(${llama.lesson}#${llama.section})`);
    expect(sources).not.toContain(`explanation:${LLAMA}`);
    expect(first.text).not.toContain(llama.explanation.en.slice(0, 40));
    expect(first.text).not.toContain(llama.prompt.en.slice(0, 40));
    await answer(SORA, "A");
    const sora = course().index.question(SORA)!;
    const second = await ask("why is that?");
    expect(second.fields?.[0].value).toContain(`(${sora.lesson}#${sora.section})`);
    expect(second.fields?.[0].value).not.toContain(`${llama.lesson}#${llama.section}`);
    expect(second.text).not.toContain(sora.explanation.en.slice(0, 40));
  });

  it("'Ask about this' anchors a thread to its question even after a newer answer elsewhere", async () => {
    const model = scriptedModel(() => "See [1].");
    app = await createTutorTestApp("sqlite", { llm: model });
    const who = actor("u1", { platform: "console", channelId: "c1", threadId: "th1" });
    await answer(LLAMA, "26 GB");
    await app.bot.handleAction(who, `tutor.about:${LLAMA}`, {});
    await answer(SORA, "A");
    await app.bot.handleText(who, "why?");
    expect(model.seen[0]).toContain(course().index.question(LLAMA)!.prompt.en);
    expect(model.seen[0]).not.toContain(course().index.question(SORA)!.prompt.en);
  });
});

describe("earlier messages and retrieval", () => {
  it("an unrelated earlier question does not pull a new one off course", async () => {
    app = await createTutorTestApp();
    await ask("量化是什么意思");
    const r = await ask("GPT和BERT有什么区别");
    expect(r.text).not.toContain("没有讲到");
    expect(r.fields?.[0].value).toMatch(
      /l08-architectures#three-families|l01-generative-ai#example-models/,
    );
    expect(r.fields?.[0].value).not.toContain("quantization");
  });

  it("a real follow-up ('那为什么') is searched with the earlier question", async () => {
    app = await createTutorTestApp();
    await ask("safetensors 为什么更安全？");
    const r = await ask("那为什么");
    expect(r.text).not.toContain("没有讲到");
    expect(r.fields?.[0].value).toContain("l04-formats#");
  });
});

describe("sources", () => {
  it("lists only the passages the answer cites, renumbered", async () => {
    app = await createTutorTestApp("sqlite", {
      llm: scriptedModel(() => "Fewer bits per parameter [2]."),
    });
    const r = await ask("what is quantization?");
    expect(r.text).toContain("Fewer bits per parameter [1].");
    const lines = r.fields?.find((f) => f.name === "Sources")?.value.split("\n") ?? [];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[1\] /);
  });

  it("an answer citing no note shows 'Related notes', not 'Sources'", async () => {
    app = await createTutorTestApp("sqlite", {
      llm: scriptedModel(() => "Quantization uses fewer bits per parameter."),
    });
    const r = await ask("what is quantization?");
    expect(r.fields?.map((f) => f.name)).toEqual(["Related notes (the answer cites no note)"]);
    expect(r.fields?.[0].value).toContain("l02-parameters#quantization");
    expect(r.fields?.[0].value).not.toMatch(/^\[\d\]/m);
  });
});

describe("context choice (pure)", () => {
  const t = (s: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, s));
  it("takes the newest of: the last answer, the question the turns were about, an unrelated exchange", async () => {
    const { pickContext } = await import("../../src/core/tutor/context");
    const answers = [
      { questionId: "q1", createdAt: t(1) },
      { questionId: "q2", createdAt: t(5) },
    ];
    // A follow-up about q1 at t3, then q2 answered at t5: q2.
    expect(
      pickContext({ turns: [{ questionId: "q1", createdAt: t(3) }], answers, inThread: false }),
    ).toEqual({ questionId: "q2", source: "answered" });
    // The same in a thread opened for q1: still q1.
    expect(
      pickContext({ turns: [{ questionId: "q1", createdAt: t(3) }], answers, inThread: true }),
    ).toEqual({ questionId: "q1", source: "thread" });
    // "Ask about this" on q1 after answering q2: q1.
    expect(
      pickContext({ turns: [{ questionId: "q1", createdAt: t(7) }], answers, inThread: false })
        ?.questionId,
    ).toBe("q1");
    // An unrelated question after the last answer: no question context.
    expect(
      pickContext({ turns: [{ questionId: null, createdAt: t(8) }], answers, inThread: false }),
    ).toBeUndefined();
    // An open question is never the context (its answer would go into the prompt).
    expect(
      pickContext({ turns: [], answers, openIds: new Set(["q2"]), inThread: false }),
    ).toBeUndefined();
    // With a quiz question and a channel-round question both open, neither is (the thread's q1 is open in a round).
    expect(
      pickContext({
        turns: [{ questionId: "q1", createdAt: t(3) }],
        answers,
        openIds: new Set(["q9", "q1"]),
        inThread: true,
      }),
    ).toEqual({ questionId: "q2", source: "answered" });
  });
});
