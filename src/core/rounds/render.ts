// The public messages of a channel round: the question with its countdown, the reveal after the
// deadline (answer, explanation, fastest correct answers) and the final scoreboard.
import { ACTION, actionId } from "../commands/action-ids";
import type { Question } from "../content/schema";
import { correctAnswerText } from "../grading/grade";
import { tr, type Locale } from "../i18n";
import type { RoundAnswerRecord, RoundRecord } from "../ports/rounds";
import { questionView } from "../quiz/render";
import type { Reply } from "../reply";
import { deadlineOf, RANK_POINTS, CORRECT_POINTS, type ScoreLine } from "./rules";
import { msg } from "../messages/catalogue";

const MEDALS = ["🥇", "🥈", "🥉"];

export function roundQuestionReply(q: Question, round: RoundRecord): Reply {
  const view = {
    ...questionView(q, round, round.locale),
    answerAction: actionId(ACTION.roundAnswer, round.id, round.position),
  };
  const deadline = deadlineOf(round);
  return {
    title: `${msg(round.locale, "commands.quiz.channelRound")} · ${round.position + 1}/${round.questionIds.length}`,
    text: view.prompt,
    question: view,
    fields: [
      {
        name: msg(round.locale, "rounds.render.closes"),
        value: `${round.secondsPerQuestion} s (${deadline.toISOString().slice(11, 19)} UTC)`,
        inline: true,
      },
    ],
    footer: msg(round.locale, "rounds.render.fastestThreeCorrectAnswers", {
      RANK_POINTS: RANK_POINTS.join("/"),
      CORRECT_POINTS,
    }),
    tone: "info",
    private: false, // the whole channel plays
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function revealReply(
  q: Question,
  round: RoundRecord,
  questionIndex: number,
  answers: RoundAnswerRecord[],
  locale: Locale,
): Reply {
  const right = answers
    .filter((a) => a.correct)
    .sort((a, b) => b.points - a.points || a.elapsedMs - b.elapsedMs);
  const lines = right.map(
    (a, i) => `${MEDALS[i] ?? "✅"} ${a.displayName || "?"} +${a.points} (${seconds(a.elapsedMs)})`,
  );
  const summary = msg(locale, "rounds.render.answeredRight", {
    answersCount: answers.length,
    rightCount: right.length,
  });
  return {
    title: `${msg(locale, "rounds.render.timeSUp")} · ${questionIndex + 1}/${round.questionIds.length}`,
    text: [
      `${msg(locale, "rounds.render.answer")}: ${tr(correctAnswerText(q, round.id), locale)}`,
      "",
      tr(q.explanation, locale),
    ].join("\n"),
    fields: [
      {
        name: summary,
        value: lines.length ? lines.join("\n") : msg(locale, "rounds.render.nobodyGotItRight"),
        inline: false,
      },
    ],
    footer: `${msg(locale, "rounds.render.source")}: ${q.source}`,
    tone: right.length ? "success" : "warning",
    private: false,
  };
}

export function scoreboardReply(lines: ScoreLine[], round: RoundRecord): Reply {
  const total = round.questionIds.length;
  const rows = lines
    .slice(0, 20)
    .map(
      (l, i) =>
        `${MEDALS[i] ?? `${i + 1}.`} ${l.name} — ${l.points} ${msg(round.locale, "rounds.render.pts")} (${l.correct}/${total})`,
    );
  return {
    title: msg(round.locale, "rounds.render.roundOverScoreboard"),
    text: rows.length
      ? rows.join("\n")
      : msg(round.locale, "rounds.render.nobodyAnsweredThisRound"),
    footer: msg(round.locale, "rounds.render.typeQuizModeChannel"),
    tone: "success",
    private: false,
  };
}
