// Reply → Block Kit: escaping of learner/model text, mention neutralising, widgets per question type.
import { describe, expect, it } from "vitest";
import { toMessage } from "../../../src/adapters/slack/blocks";
import { picksFromState } from "../../../src/adapters/slack/question-blocks";
import { safeMrkdwn } from "../../../src/adapters/slack/mrkdwn";
import type { QuestionView } from "../../../src/core/reply";
import { widgetOf } from "../../helpers/widgets";

const view = (type: QuestionView["type"], extra: Partial<QuestionView> = {}): QuestionView => ({
  sessionId: "s1",
  questionId: "q1",
  type,
  widget: widgetOf(type),
  position: 0,
  total: 3,
  prompt: "Pick",
  answerAction: "quiz.answer:s1:0",
  howToAnswer: "Type the letter",
  options: [
    { id: "a", label: "A. one" },
    { id: "b", label: "B. two" },
    { id: "c", label: "C. three" },
  ],
  ...extra,
});

describe("mrkdwn safety", () => {
  it("escapes control characters and neutralises every mention form", () => {
    const evil =
      "<!channel> <!here> <!everyone> <@U123> <#C999|general> <!subteam^S1|@team> a&b @here @channel @everyone <https://x.io|click>";
    const out = safeMrkdwn(evil);
    expect(out).not.toMatch(/<[!@#]/);
    expect(out).not.toMatch(/<https/);
    expect(out).toContain("&lt;!channel&gt;");
    expect(out).toContain("a&amp;b");
    expect(out).not.toMatch(/@(here|channel|everyone)\b/);
  });

  it("turns Markdown bold and headings into mrkdwn", () => {
    expect(safeMrkdwn("## Title\n**bold** and [docs](https://example.org)")).toBe(
      "*Title*\n*bold* and docs (https://example.org)",
    );
  });

  it("keeps model text inert in every block of a message", () => {
    const msg = toMessage({
      title: "<!here> title",
      text: "hi <@U1> @channel",
      fields: [{ name: "<!channel>", value: "<#C1>" }],
      footer: "<!everyone>",
      buttons: [{ type: "button", id: "x:1", label: "@here go" }],
    });
    const json = JSON.stringify(msg);
    expect(json).not.toMatch(/<[!@#]/);
    expect(json).not.toMatch(/@(here|channel|everyone)\b/);
    expect(msg.blocks[0]).toMatchObject({ type: "header" });
    expect(msg.blocks.at(-1)).toMatchObject({ type: "context" });
  });

  it("splits long text into sections under Slack's 3000-character limit", () => {
    const msg = toMessage({ text: "x".repeat(7000) });
    const sections = msg.blocks.filter((b) => b.type === "section") as { text: { text: string } }[];
    expect(sections.length).toBe(3);
    for (const s of sections) expect(s.text.text.length).toBeLessThanOrEqual(3000);
    expect(msg.text.length).toBeLessThanOrEqual(3000);
  });
});

describe("question widgets", () => {
  const elements = (q: QuestionView, locale: "zh" | "en" = "en") =>
    toMessage({ text: q.prompt, question: q, locale }).blocks.flatMap((b: any) => [
      ...(b.elements ?? []),
      ...(b.accessory ? [b.accessory] : []),
    ]);

  it("single choice and true/false: one button per option carrying the option id", () => {
    for (const type of ["single", "true-false"] as const) {
      const buttons = elements(view(type)).filter((e: any) =>
        e.action_id.startsWith("quiz.answer"),
      );
      expect(buttons.map((b: any) => [b.action_id, b.value])).toEqual([
        ["quiz.answer:s1:0#0", "a"],
        ["quiz.answer:s1:0#1", "b"],
        ["quiz.answer:s1:0#2", "c"],
      ]);
    }
  });

  it("multiple choice: a multi_static_select and a Submit button", () => {
    const els = elements(view("multiple"));
    expect(
      els.find((e: any) => e.type === "multi_static_select").options.map((o: any) => o.value),
    ).toEqual(["a", "b", "c"]);
    expect(els.some((e: any) => e.action_id === "quiz.answer:s1:0#submit")).toBe(true);
  });

  it("ordering: one static_select per position; matching: one per left item with left=right values", () => {
    expect(elements(view("ordering")).filter((e: any) => e.type === "static_select")).toHaveLength(
      3,
    );
    const matching = elements(
      view("matching", {
        right: [
          { id: "x", label: "A. ex" },
          { id: "y", label: "B. why" },
        ],
      }),
    ).filter((e: any) => e.type === "static_select");
    expect(matching).toHaveLength(3);
    expect(matching[1].options.map((o: any) => o.value)).toEqual(["b=x", "b=y"]);
  });

  it("numeric: a button that opens the answer modal with the core's answer action", () => {
    const btn = elements(view("numeric", { options: [], unit: "GB" })).find(
      (e: any) => e.action_id === "slack.type",
    );
    expect(btn.value).toBe("quiz.answer:s1:0");
  });

  it("labels follow the reply's language and are cut to Slack's 75 characters", () => {
    const q = view("multiple", {
      howToAnswer: "输入所有正确选项",
      options: [{ id: "a", label: `A. ${"长".repeat(120)}` }],
    });
    const els = elements(q, "zh");
    expect(els.find((e: any) => e.action_id.endsWith("#submit")).text.text).toBe("提交");
    expect(
      [...els.find((e: any) => e.type === "multi_static_select").options[0].text.text].length,
    ).toBeLessThanOrEqual(75);
  });

  it("reads picks back from the message state in block order", () => {
    const state = {
      values: {
        "cbq.pick.1": {
          "slack.pick#1": { type: "static_select", selected_option: { value: "b" } },
        },
        "cbq.pick.0": {
          "slack.pick#0": { type: "static_select", selected_option: { value: "c" } },
        },
        other: { x: { type: "static_select", selected_option: { value: "zzz" } } },
      },
    };
    expect(picksFromState(state)).toEqual(["c", "b"]);
    expect(
      picksFromState({
        values: {
          "cbq.pick.0": {
            "slack.pick#0": {
              type: "multi_static_select",
              selected_options: [{ value: "a" }, { value: "c" }],
            },
          },
        },
      }),
    ).toEqual(["a", "c"]);
  });
});
