// The mention neutraliser: nothing a reply echoes may ping a server, channel or person.
import { describe, expect, it } from "vitest";
import { hasPingingMention, neutraliseMentions, safeReply } from "../../src/core/safe-text";

describe("neutraliseMentions", () => {
  it.each([
    "@everyone look",
    "hi @here",
    "@Everyone",
    "<@123456789012345678>",
    "<@&987654321>",
    "<#42>",
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U012ABC>",
    "<!subteam^S1|@team>",
  ])("defuses %s", (input) => {
    const out = neutraliseMentions(input);
    expect(hasPingingMention(out)).toBe(false);
    // It still reads the same once the invisible space is removed.
    expect(out.replaceAll("\u200b", "")).toBe(input);
  });

  it("leaves ordinary text, e-mail addresses and comparisons alone", () => {
    for (const s of ["a < b and c > d", "mail me at ann@example.com", "x <= 3", "学习 @ 家"])
      expect(neutraliseMentions(s)).toBe(s);
  });

  it("covers every visible part of a reply", () => {
    const bad = "@everyone <@1>";
    const r = safeReply({
      title: bad,
      text: bad,
      footer: bad,
      fields: [{ name: bad, value: bad }],
      buttons: [{ type: "button", id: "x:1", label: bad }],
      question: {
        sessionId: "s",
        questionId: "q",
        type: "single",
        widget: { kind: "choice", multi: false },
        position: 0,
        total: 1,
        prompt: bad,
        options: [{ id: "a", label: bad }],
        right: [{ id: "b", label: bad }],
        answerAction: "quiz.answer:s:0",
        howToAnswer: bad,
      },
    });
    expect(hasPingingMention(JSON.stringify(r))).toBe(false);
    expect(r.question?.answerAction).toBe("quiz.answer:s:0");
    expect(r.buttons?.[0].id).toBe("x:1");
  });
});
