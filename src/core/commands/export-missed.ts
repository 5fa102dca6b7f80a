// `/export missed`: the questions a learner answered wrongly at least once, as an Anki deck in
// their language. Front: the prompt and its options; back: the answer and the explanation. The
// core picks and words the cards; the deck port writes the file.
import type { Question } from "../content/schema";
import { correctAnswerText } from "../grading/grade";
import { tr, type Locale } from "../i18n";
import type { FlashCard } from "../ports/decks";
import { questionView } from "../quiz/render";
import type { Reply } from "../reply";
import type { Ctx } from "./types";

/** One seed for the options' order and the answer's letters, so front and back agree. */
const SEED = "anki";

export function flashCard(q: Question, locale: Locale): FlashCard {
  const view = questionView(q, { id: SEED, position: 0, questionIds: [q.id] }, locale);
  const lines = [view.prompt, "", ...view.options.map((o) => o.label)];
  if (view.right?.length) lines.push("", ...view.right.map((o) => o.label));
  const answer = correctAnswerText(q, SEED)[locale];
  return {
    id: q.id,
    front: lines.join("\n").trim(),
    back: `${answer}\n\n${tr(q.explanation, locale)}`,
    tags: [q.lesson, q.topic],
  };
}

/** Question ids the learner got wrong at least once, most recent miss first. */
export function missedQuestionIds(
  answers: { questionId: string; correct: boolean; createdAt: Date }[],
): string[] {
  const wrong = answers
    .filter((a) => !a.correct)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return [...new Set(wrong.map((a) => a.questionId))];
}

export async function exportMissed(ctx: Ctx): Promise<Reply> {
  const answers = await ctx.store.answers.listByLearner(ctx.learner.id);
  // A question removed from the course since keeps its history but has no card to show.
  const questions = missedQuestionIds(answers).flatMap((id) => ctx.index.question(id) ?? []);
  if (!questions.length)
    return {
      text: ctx.msg("commands.export-missed.youHaveNotMissed"),
      private: true,
    };
  if (!ctx.decks)
    return {
      text: ctx.msg("commands.export-missed.ankiDecksCannotBe"),
      tone: "warning",
      private: true,
    };
  const now = ctx.clock.now();
  const title = tr(ctx.index.course.title, ctx.locale);
  const data = await ctx.decks.ankiPackage({
    name: ctx.msg("commands.export-missed.missedQuestions", { title }),
    description: ctx.msg("commands.export-missed.exportedByCoursebot"),
    createdAt: now,
    cards: questions.map((q) => flashCard(q, ctx.locale)),
  });
  return {
    text: ctx.msg("commands.export-missed.hereAreTheYou", {
      count: questions.length,
    }),
    attachments: [
      {
        filename: `coursebot-missed-${now.toISOString().slice(0, 10)}.apkg`,
        contentType: "application/octet-stream",
        data,
        description: ctx.msg("commands.export-missed.missedQuestionsAnkiDeck"),
      },
    ],
    private: true,
  };
}
