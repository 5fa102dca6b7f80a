// A seventh question type added from outside the code base: the fixture module
// test/fixtures/question-types/fill-blank.ts plus one registerQuestionType call is all it takes.
// Its questions load and lint with a course, a quiz of them runs through the Bot front door on
// the console, Discord and Slack render a working widget from its descriptor, right and wrong
// answers are graded, and the tutor neither confirms a guess nor lets the answer through.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseCustomId } from "../../src/adapters/discord/custom-ids";
import { toMessage as discordMessage } from "../../src/adapters/discord/render";
import { renderReply } from "../../src/adapters/console/render";
import { toMessage as slackMessage } from "../../src/adapters/slack/blocks";
import { TYPE_ACTION } from "../../src/adapters/slack/question-blocks";
import { checkContent, loadContent } from "../../src/app/content-files";
import { tutorFreeText } from "../../src/core/commands/tutor";
import type { Actor } from "../../src/core/actor";
import { createBot } from "../../src/core/bot";
import { FakeClock } from "../../src/core/clock";
import { formatIssue } from "../../src/core/content/parse";
import { registerQuestionType } from "../../src/core/question-types/registry";
import type { Reply } from "../../src/core/reply";
import { checkLeak } from "../../src/core/tutor/leak-check";
import { leakForms } from "../../src/core/tutor/leak-forms";
import { guessShape } from "../../src/core/tutor/guess-shape";
import { Retriever } from "../../src/core/tutor/retriever";
import { createTutor } from "../../src/core/tutor/service";
import { DEFAULT_BUDGET } from "../../src/core/tutor/budget";
import { createStore } from "../../src/db/store";
import { fillBlank } from "../fixtures/question-types/fill-blank";
import { actor, recordingLogger } from "../helpers/app";
import { createTestDb, type TestDb } from "../helpers/db";

const LESSON = `---
id: l99-fill-blanks
order: 99
title: { zh: 填空练习, en: Fill in the blanks }
summary: { zh: 用填空题复习分词器和模型文件。, en: Review tokenizers and model files with fill-in-the-blank questions. }
topics:
  - id: fill-blanks
    name: { zh: 填空练习, en: Fill in the blanks }
sources:
  - "test fixture"
---

## section: words
### zh: 两个词
分词器把文本切成词元。safetensors 文件只保存张量，加载时不会执行代码。

### en: Two words
A tokenizer splits text into tokens. A safetensors file stores only tensors, so loading it runs no code.
`;

const question = (id: string, zh: string, en: string, accept: string[]) => `
- id: ${id}
  type: fill-blank
  lesson: l99-fill-blanks
  section: words
  topic: fill-blanks
  difficulty: 1
  prompt: { zh: "${zh}", en: "${en}" }
  accept: [${accept.join(", ")}]
  wrongRationale: { zh: 再读一遍这一节。, en: Read the section again. }
  explanation: { zh: 见“两个词”一节。, en: See the section "Two words". }
  hints: [{ zh: 想想加载模型时的安全问题。, en: Think about safety when a model is loaded. }]
  source: test fixture
`;

const QUESTIONS =
  question(
    "zz-fill-splitter",
    "把文本切成词元的组件叫 ____。",
    "The component that cuts text into tokens is the ____.",
    ["tokenizer", "分词器"],
  ) +
  question(
    "zz-fill-format",
    "只保存张量、加载时不执行代码的文件格式是 ____。",
    "The file format that stores only tensors and runs no code on load is ____.",
    ["safetensors"],
  );

let dir: string;
let unregister: () => void;
let db: TestDb | undefined;

beforeAll(() => {
  unregister = registerQuestionType(fillBlank);
  dir = mkdtempSync(join(tmpdir(), "coursebot-fill-blank-"));
  cpSync("content/llm-basics", dir, { recursive: true });
  writeFileSync(join(dir, "lessons/l99-fill-blanks.md"), LESSON);
  mkdirSync(join(dir, "questions"), { recursive: true });
  writeFileSync(join(dir, "questions/zz-fill-blank.yaml"), QUESTIONS);
});
afterAll(() => {
  unregister();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

async function app() {
  db = await createTestDb("sqlite");
  const index = loadContent(dir);
  const clock = new FakeClock("2026-03-02T09:00:00Z");
  const store = createStore(db.db.prisma);
  const tutor = createTutor({
    store,
    clock,
    retriever: new Retriever(index),
    budget: DEFAULT_BUDGET,
    secrets: [],
    timeoutMs: 5000,
  });
  const services = { index, store, clock, logger: recordingLogger(), tutor };
  return { index, bot: createBot(services, { onFreeText: tutorFreeText }) };
}

// The platform brings its own capabilities (the console is text-only).
const who = (platform: Actor["platform"], userId: string): Actor => actor(userId, { platform });
const questionReply = (rs: Reply[]) => {
  const r = rs.find((x) => x.question);
  if (!r?.question) throw new Error(`no question in ${rs.map((x) => x.text).join(" | ")}`);
  return r as Reply & { question: NonNullable<Reply["question"]> };
};
const quiz = (bot: Awaited<ReturnType<typeof app>>["bot"], a: Actor) =>
  bot.handleCommand(a, "quiz", { topic: "fill-blanks", count: 2 });
/** The accepted answer of the question a reply shows. */
const rightAnswer = (r: ReturnType<typeof questionReply>) =>
  r.question.questionId === "zz-fill-splitter" ? "Tokenizer" : "safetensors";

describe("a question type added as one fixture module plus its registration", () => {
  it("its questions load and lint with the course, and a giveaway prompt is caught", () => {
    const check = checkContent(dir);
    expect(check.issues.filter((i) => i.severity === "error").map(formatIssue)).toEqual([]);
    expect(
      check.index?.course.questions.filter((q) => (q.type as string) === fillBlank.type),
    ).toHaveLength(2);
    writeFileSync(
      join(dir, "questions/zz-leaky.yaml"),
      question("zz-fill-leaky", "tokenizer 是 ____。", "The tokenizer is the ____.", ["tokenizer"]),
    );
    try {
      expect(checkContent(dir).issues.map(formatIssue)).toContainEqual(
        expect.stringMatching(/zz-fill-leaky\.prompt: the prompt gives away the answer/),
      );
    } finally {
      rmSync(join(dir, "questions/zz-leaky.yaml"));
    }
  });

  it("registers once, and the content schema then names it among the types", () => {
    expect(() => registerQuestionType(fillBlank)).toThrow(/"fill-blank" is already registered/);
    writeFileSync(
      join(dir, "questions/zz-essay.yaml"),
      question("zz-essay", "写一篇。", "Write one.", ["x"]).replace("fill-blank", "essay"),
    );
    try {
      expect(checkContent(dir).issues.map(formatIssue)).toContainEqual(
        expect.stringMatching(/zz-essay\.yaml: .*type must be one of .*matching.*fill-blank/),
      );
    } finally {
      rmSync(join(dir, "questions/zz-essay.yaml"));
    }
  });

  it("a console quiz shows the type's label and how to answer, and grades right and wrong", async () => {
    const { bot } = await app();
    const a = who("console", "c1");
    const first = questionReply(await quiz(bot, a));
    expect(first.title).toContain("Fill in the blank");
    expect(renderReply(first)).toContain("(Type the missing word.)");
    const [right] = await bot.handleText(a, rightAnswer(first));
    expect(right.text).toMatch(/^✅ Correct!/);

    const second = questionReply(await bot.handleAction(a, right.buttons![0].id, {}));
    expect(second.question.questionId).not.toBe(first.question.questionId);
    const [wrong] = await bot.handleText(a, "banana");
    expect(wrong.text).toMatch(/^❌ Not quite\./);
    expect(wrong.text).toContain(`Answer: ${rightAnswer(second).toLowerCase()}`);
    expect(wrong.text).toContain("Read the section again.");
  });

  it("Discord renders a working typed-answer widget from the descriptor", async () => {
    const { bot } = await app();
    const a = who("discord", "d1");
    const shown = questionReply(await quiz(bot, a));
    const ids = (discordMessage(shown, "en").body.components as { components: any[] }[])
      .flatMap((row) => row.components)
      .map((c) => parseCustomId(c.custom_id));
    const ask = ids.find((id) => id.kind === "ask");
    expect(ask && "action" in ask ? ask.action : undefined).toBe(shown.question.answerAction);
    // The button opens a text modal whose submission is the action with the typed text.
    const [verdict] = await bot.handleAction(a, shown.question.answerAction, {
      text: rightAnswer(shown),
    });
    expect(verdict.text).toMatch(/^✅ Correct!/);
  });

  it("Slack renders a working typed-answer widget from the descriptor", async () => {
    const { bot } = await app();
    const a = who("slack", "s1");
    const shown = questionReply(await quiz(bot, a));
    const buttons = slackMessage(shown)
      .blocks.flatMap((b: any) => b.elements ?? [])
      .filter((e: any) => e.action_id === TYPE_ACTION);
    expect(buttons.map((b: any) => b.value)).toEqual([shown.question.answerAction]);
    const [verdict] = await bot.handleAction(a, buttons[0].value, { text: "banana" });
    expect(verdict.text).toMatch(/^❌ Not quite\./);
  });

  it("the tutor treats every guess alike and blocks the answer while the question is open", async () => {
    const { bot, index } = await app();
    const a = who("console", "t1");
    const shown = questionReply(await quiz(bot, a));
    const q = index.question(shown.question.questionId)!;
    // Right or wrong, a proposal gets the same refusal: no oracle.
    const ask = async (text: string) => (await bot.handleCommand(a, "ask", { question: text }))[0];
    const onRight = await ask(`is it ${rightAnswer(shown)}?`);
    const onWrong = await ask("is it banana?");
    expect(onRight.text).toContain("That question is still open");
    expect(onWrong.text).toBe(onRight.text);
    expect(guessShape("I think it's banana", q).guess).toBe(true);
    // The output check blocks the answer in the tutor's reply, and lets an explanation through.
    const forms = leakForms(q, shown.question.sessionId);
    expect(checkLeak(`The missing word is ${rightAnswer(shown)}.`, forms).leaked).toBe(true);
    expect(checkLeak("Read the lesson on model files and tokens.", forms).leaked).toBe(false);
  });
});
