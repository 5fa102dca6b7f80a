// Reply → Discord message rendering details that are easy to get wrong on shared messages.
import { describe, expect, it } from "vitest";
import { toMessage } from "../../../src/adapters/discord/render";
import type { QuestionView, Reply } from "../../../src/core/reply";

const ordering: QuestionView = {
  type: "ordering",
  widget: { kind: "order" },
  prompt: "Put them in order",
  answerAction: "round.answer:r1:0",
  options: [
    { id: "a", label: "1. A" },
    { id: "b", label: "2. B" },
    { id: "c", label: "3. C" },
  ],
} as QuestionView;
const ids = (r: Reply) =>
  (toMessage(r, "en").body.components as any[]).flatMap((row) =>
    row.components.map((c: any) => [c.type, c.custom_id]),
  );

describe("question widgets", () => {
  it("a personal ordering question keeps one select per position in its (private) message", () => {
    expect(ids({ text: "q", question: { ...ordering, answerAction: "quiz.answer:s1:0" } })).toEqual(
      [
        [3, "oslot|0|quiz.answer:s1:0"],
        [3, "oslot|1|quiz.answer:s1:0"],
        [3, "oslot|2|quiz.answer:s1:0"],
        [2, "submit|quiz.answer:s1:0"],
        [2, "ask|quiz.answer:s1:0"],
      ],
    );
  });

  it("an ordering question on a public message (a channel round) is typed in a form, so nobody's picks show", () => {
    expect(ids({ text: "q", question: ordering, private: false })).toEqual([
      [2, "ask|round.answer:r1:0"],
    ]);
  });
});
