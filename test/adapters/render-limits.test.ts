// Whatever the core replies, the Discord and Slack payloads stay inside the platforms' limits
// (a payload over a limit is rejected outright, and the learner sees nothing). Property test:
// random replies with huge texts, many fields, buttons, options and long labels, rendered by
// both adapters, checked against the documented limits.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toMessage as toDiscord } from "../../src/adapters/discord/render";
import { toMessage as toSlack, type Block } from "../../src/adapters/slack/blocks";
import type { WidgetDescriptor } from "../../src/core/question-types/module";
import type { QuestionView, Reply } from "../../src/core/reply";

const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: max }),
    fc.constantFrom("", " ", "x".repeat(max), "词".repeat(max)),
  );
// The content schema gives every choice question at least two options (matching: two pairs).
const optionList = (max: number) =>
  fc.array(fc.record({ id: fc.stringMatching(/^[a-z0-9-]{1,30}$/), label: text(300) }), {
    minLength: 2,
    maxLength: max,
  });

const question: fc.Arbitrary<QuestionView> = fc.record({
  sessionId: fc.constant("s1"),
  questionId: fc.constant("q1"),
  type: fc.constant("any"),
  widget: fc.constantFrom<WidgetDescriptor>(
    { kind: "choice", multi: false },
    { kind: "choice", multi: true },
    { kind: "text" },
    { kind: "order" },
    { kind: "pairs" },
  ),
  position: fc.nat(20),
  total: fc.integer({ min: 1, max: 20 }),
  prompt: text(5000),
  options: optionList(40),
  right: optionList(40),
  unit: fc.constantFrom("", "GB", "B"),
  answerAction: fc.constant("quiz.answer:s1:0"),
  howToAnswer: text(200),
}) as fc.Arbitrary<QuestionView>;

const reply: fc.Arbitrary<Reply> = fc.record({
  title: fc.option(text(400), { nil: undefined }),
  text: text(9000),
  fields: fc.option(
    fc.array(fc.record({ name: text(400), value: text(2000), inline: fc.boolean() }), {
      maxLength: 40,
    }),
    { nil: undefined },
  ),
  footer: fc.option(text(4000), { nil: undefined }),
  question: fc.option(question, { nil: undefined }),
  buttons: fc.option(
    fc.array(
      fc.record({
        type: fc.constant("button" as const),
        id: fc.stringMatching(/^[a-z.]{1,20}:[a-z0-9]{1,20}$/),
        label: text(200),
      }),
      { maxLength: 12 },
    ),
    { nil: undefined },
  ),
  private: fc.boolean(),
  locale: fc.constantFrom("zh" as const, "en" as const),
});

function checkDiscord(body: Record<string, any>): void {
  for (const e of body.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(e.description.length).toBeLessThanOrEqual(4096);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeLessThanOrEqual(1024);
    }
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
    const total =
      (e.title?.length ?? 0) +
      e.description.length +
      (e.footer?.text.length ?? 0) +
      (e.fields ?? []).reduce((n: number, f: any) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
  }
  expect(body.components.length).toBeLessThanOrEqual(5);
  for (const row of body.components) {
    expect(row.components.length).toBeGreaterThan(0);
    const selects = row.components.filter((c: any) => c.type === 3);
    if (selects.length) expect(row.components.length).toBe(1);
    else expect(row.components.length).toBeLessThanOrEqual(5);
    for (const c of row.components) {
      expect(c.custom_id.length).toBeLessThanOrEqual(100);
      if (c.label !== undefined) expect(c.label.length).toBeLessThanOrEqual(80);
      if (c.type === 3) {
        expect(c.options.length).toBeGreaterThan(0);
        expect(c.options.length).toBeLessThanOrEqual(25);
        expect(c.max_values).toBeLessThanOrEqual(c.options.length);
        for (const o of c.options) {
          expect(o.label.length).toBeLessThanOrEqual(100);
          expect(o.value.length).toBeLessThanOrEqual(100);
        }
      }
    }
  }
  expect(body.allowed_mentions).toEqual({ parse: [] });
}

function plainTexts(
  b: unknown,
  out: { text: string; type: string }[] = [],
): { text: string; type: string }[] {
  if (Array.isArray(b)) for (const x of b) plainTexts(x, out);
  else if (b && typeof b === "object") {
    const o = b as Record<string, unknown>;
    if ((o.type === "plain_text" || o.type === "mrkdwn") && typeof o.text === "string")
      out.push({ text: o.text, type: o.type });
    for (const v of Object.values(o)) if (typeof v === "object") plainTexts(v, out);
  }
  return out;
}

function checkSlack(m: { text: string; blocks: Block[] }): void {
  expect(m.text.length).toBeLessThanOrEqual(40_000);
  expect(m.blocks.length).toBeLessThanOrEqual(50);
  for (const b of m.blocks as any[]) {
    if (b.type === "header") expect(b.text.text.length).toBeLessThanOrEqual(150);
    if (b.type === "section") {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      expect(b.fields?.length ?? 0).toBeLessThanOrEqual(10);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
    }
    if (b.type === "actions") {
      expect(b.elements.length).toBeGreaterThan(0);
      expect(b.elements.length).toBeLessThanOrEqual(25);
    }
    if (b.type === "context") expect(b.elements.length).toBeLessThanOrEqual(10);
    for (const el of [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]) {
      if (el.action_id) expect(el.action_id.length).toBeLessThanOrEqual(255);
      if (el.type === "button") {
        expect(el.text.text.length).toBeLessThanOrEqual(75);
        expect((el.value ?? "").length).toBeLessThanOrEqual(2000);
      }
      if (el.options) {
        expect(el.options.length).toBeGreaterThan(0);
        expect(el.options.length).toBeLessThanOrEqual(100);
        for (const o of el.options) {
          expect(o.text.text.length).toBeLessThanOrEqual(75);
          expect(o.value.length).toBeLessThanOrEqual(150);
        }
      }
    }
  }
  for (const t of plainTexts(m.blocks)) expect(t.text.length, `${t.type} text`).toBeGreaterThan(0);
}

describe("platform payload limits", () => {
  it("Discord messages stay within Discord's limits", () => {
    fc.assert(
      fc.property(reply, (r) => {
        checkDiscord(toDiscord(r, r.locale ?? "en", { ephemeral: r.private }).body);
      }),
      { numRuns: 400 },
    );
  });

  it("Slack messages stay within Block Kit's limits", () => {
    fc.assert(
      fc.property(reply, (r) => {
        checkSlack(toSlack(r));
      }),
      { numRuns: 400 },
    );
  });
});
