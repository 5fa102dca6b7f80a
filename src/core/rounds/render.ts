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

const MEDALS = ["🥇", "🥈", "🥉"];

export function roundQuestionReply(q: Question, round: RoundRecord): Reply {
  const zh = round.locale === "zh";
  const view = {
    ...questionView(q, round, round.locale),
    answerAction: actionId(ACTION.roundAnswer, round.id, round.position),
  };
  const deadline = deadlineOf(round);
  return {
    title: `${zh ? "频道抢答" : "Channel round"} · ${round.position + 1}/${round.questionIds.length}`,
    text: view.prompt,
    question: view,
    fields: [
      {
        name: zh ? "截止" : "Closes",
        value: `${round.secondsPerQuestion} s (${deadline.toISOString().slice(11, 19)} UTC)`,
        inline: true,
      },
    ],
    footer: zh
      ? `最快答对的前三名得 ${RANK_POINTS.join("/")} 分，其余答对得 ${CORRECT_POINTS} 分。每人每题只能答一次。`
      : `Fastest three correct answers score ${RANK_POINTS.join("/")}, other correct answers ${CORRECT_POINTS}. One answer per person per question.`,
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
  const zh = locale === "zh";
  const right = answers
    .filter((a) => a.correct)
    .sort((a, b) => b.points - a.points || a.elapsedMs - b.elapsedMs);
  const lines = right.map(
    (a, i) => `${MEDALS[i] ?? "✅"} ${a.displayName || "?"} +${a.points} (${seconds(a.elapsedMs)})`,
  );
  const summary = zh
    ? `${answers.length} 人作答，${right.length} 人答对。`
    : `${answers.length} answered, ${right.length} right.`;
  return {
    title: `${zh ? "时间到" : "Time's up"} · ${questionIndex + 1}/${round.questionIds.length}`,
    text: [
      `${zh ? "正确答案" : "Answer"}: ${tr(correctAnswerText(q, round.id), locale)}`,
      "",
      tr(q.explanation, locale),
    ].join("\n"),
    fields: [
      {
        name: summary,
        value: lines.length ? lines.join("\n") : zh ? "没有人答对。" : "Nobody got it right.",
        inline: false,
      },
    ],
    footer: `${zh ? "出处" : "Source"}: ${q.source}`,
    tone: right.length ? "success" : "warning",
    private: false,
  };
}

export function scoreboardReply(lines: ScoreLine[], round: RoundRecord): Reply {
  const zh = round.locale === "zh";
  const total = round.questionIds.length;
  const rows = lines
    .slice(0, 20)
    .map(
      (l, i) =>
        `${MEDALS[i] ?? `${i + 1}.`} ${l.name} — ${l.points} ${zh ? "分" : "pts"} (${l.correct}/${total})`,
    );
  return {
    title: zh ? "本轮结束 · 排行榜" : "Round over · Scoreboard",
    text: rows.length ? rows.join("\n") : zh ? "这一轮没有人作答。" : "Nobody answered this round.",
    footer: zh
      ? "输入 /quiz mode:channel 再来一轮。"
      : "Type /quiz mode:channel for another round.",
    tone: "success",
    private: false,
  };
}
