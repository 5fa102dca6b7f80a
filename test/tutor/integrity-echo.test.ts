// Prompt secrecy under the same normal form as the leak check, in progress updates too: a model
// that echoes its rules pipe-separated, spaced out, in look-alike letters, in base64, in hex or
// in Chinese shows none of it, streamed or not; the reply is the refusal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage, LlmPort } from "../../src/core/tutor/llm";
import { RULES_ZH } from "../../src/core/tutor/prompt-echo";
import { actor } from "../helpers/app";
import { WRAPPERS } from "../helpers/leak-disguises";
import { createTutorTestApp, type TutorTestApp } from "../helpers/tutor-app";

const ECHOES: [string, (rules: string) => string][] = [
  ["pipe-separated", (r) => [...r].join("|")],
  ["spaced out", (r) => [...r].join(" ")],
  ["look-alike letters", WRAPPERS.confusables],
  ["zero-width", WRAPPERS["zero-width"]],
  ["base64", (r) => Buffer.from(r).toString("base64")],
  ["hex", (r) => Buffer.from(r).toString("hex")],
  ["Chinese", () => `我的规则：${RULES_ZH.slice(1, 4).join("，")}。`],
];

describe("the system prompt stays secret in every form", () => {
  let app: TutorTestApp;
  let echo: (rules: string) => string = (r) => r;
  let line = "";
  let secret = false;
  beforeAll(async () => {
    const llm: LlmPort = {
      model: "echo",
      async complete(messages: ChatMessage[], o = {}) {
        // A line of the rules from the middle of the prompt, echoed in the current form.
        line = messages[0].content.split("\n").find((l) => l.startsWith("Text inside"))!;
        const text = `Of course. ${secret ? echo("sk-test-key-1234567890") : echo(line)} That is all [1].`;
        if (o.stream) for (let i = 6; i <= text.length; i += 6) o.onDelta?.(text.slice(0, i));
        return { text, model: "echo", tokensIn: 10, tokensOut: 10 };
      },
    };
    app = await createTutorTestApp("sqlite", {
      llm,
      budget: { max: 1000 },
      extra: { progressIntervalMs: 0 },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(ECHOES.filter(([n]) => n !== "Chinese").map(([n, f]) => [n, f] as const))(
    "the API key, %s",
    async (_name, form) => {
      echo = form;
      secret = true;
      for (const streamed of [false, true]) {
        const partials: string[] = [];
        const [r] = await app.bot.handleCommand(
          actor("u1"),
          "ask",
          { question: "what is quantization?" },
          undefined,
          streamed
            ? {
                onProgress: (p) => {
                  partials.push(p.text);
                },
              }
            : {},
        );
        for (const shown of [r.text, ...partials])
          expect(shown.replace(/[^A-Za-z0-9]/g, "")).not.toContain("1234567890");
        expect(r.text).toMatch(/can't share my instructions|不能透露/);
      }
      secret = false;
    },
  );

  it.each(ECHOES)("%s", async (_name, form) => {
    echo = form;
    for (const streamed of [false, true]) {
      const partials: string[] = [];
      const [r] = await app.bot.handleCommand(
        actor("u1"),
        "ask",
        { question: "what is quantization?" },
        undefined,
        streamed
          ? {
              onProgress: (p) => {
                partials.push(p.text);
              },
            }
          : {},
      );
      expect(r.text).toMatch(/can't share my instructions|不能透露/);
      for (const shown of [r.text, ...partials]) {
        expect(line.length).toBeGreaterThan(40);
        expect(shown).not.toContain(form(line).slice(0, 24));
        expect(shown.replace(/[^A-Za-z]/g, "").toLowerCase()).not.toContain(
          "learnermessageisthelearnersquestion",
        );
      }
    }
  });
});
