// Turns quiz state into replies: the question view, the verdict with its explanation (and the
// question's glossary terms), a skipped question's answer and explanation, and the end-of-quiz
// summary. Text is in the learner's language.
import { ACTION, actionId } from "../commands/action-ids";
import type { GlossaryEntry, Question } from "../content/schema";
import { correctAnswerText, type GradeResult } from "../grading/grade";
import { LETTERS } from "../grading/seeded-shuffle";
import { tr, type Bilingual, type Locale } from "../i18n";
import type { SessionRecord } from "../ports/quiz";
import { moduleFor } from "../question-types/registry";
import type { Button, QuestionView, Reply } from "../reply";
import { msg } from "../messages/catalogue";

/** Only what the view needs, so channel rounds (seeded by the round id) can reuse it. */
export type ViewSource = Pick<SessionRecord, "id" | "position" | "questionIds">;

export function questionView(q: Question, session: ViewSource, locale: Locale): QuestionView {
  const type = moduleFor(q.type);
  const opts = type.options(q, session.id);
  const right = type.right?.(q, session.id);
  return {
    sessionId: session.id,
    questionId: q.id,
    type: q.type,
    widget: type.widget(q),
    position: session.position,
    total: session.questionIds.length,
    prompt: tr(q.prompt, locale),
    options: opts.map((o, i) => ({
      id: o.id,
      label: `${type.numbered ? i + 1 : LETTERS[i]}. ${tr(o.text, locale)}`,
    })),
    right: right?.map((o, i) => ({ id: o.id, label: `${LETTERS[i]}. ${tr(o.text, locale)}` })),
    unit: type.unit?.(q),
    answerAction: actionId(ACTION.quizAnswer, session.id, session.position),
    howToAnswer: type.howTo(q, locale, opts.length),
  };
}

export function questionReply(q: Question, session: SessionRecord, locale: Locale): Reply {
  const view = questionView(q, session, locale);
  const buttons: Button[] = [
    {
      type: "button",
      id: actionId(ACTION.quizHint, session.id, session.position),
      label: msg(locale, "quiz.render.hint"),
      command: "/hint",
    },
    {
      type: "button",
      id: actionId(ACTION.quizSkip, session.id, session.position),
      label: msg(locale, "quiz.render.skip"),
      command: "/skip",
    },
  ];
  const format = tr(moduleFor(q.type).label, locale);
  return {
    title: `${msg(locale, "quiz.render.question")}${session.position + 1}/${session.questionIds.length}${msg(locale, "quiz.render.text")} · ${format} · ${"★".repeat(q.difficulty)}`,
    text: view.prompt,
    question: view,
    buttons,
    tone: "info",
  };
}

/** "Answer: B. 0.175T"; a multi-line answer (matching pairs) starts on a line of its own. */
function answerLine(answer: Bilingual, locale: Locale): string {
  const text = tr(answer, locale);
  const label = msg(locale, "quiz.render.answer");
  return text.includes("\n") ? `${label}:\n${text}` : `${label}: ${text}`;
}

/** Next (while the quiz is open) and "Ask about this" under a verdict or a skipped question. */
function afterButtons(q: Question | undefined, session: SessionRecord, locale: Locale): Button[] {
  const buttons: Button[] = [];
  if (session.status === "open")
    buttons.push({
      type: "button",
      id: actionId(ACTION.quizNext, session.id, session.position),
      label: msg(locale, "quiz.render.next"),
      style: "primary",
    });
  if (q)
    buttons.push({
      type: "button",
      id: actionId(ACTION.tutorAbout, q.id),
      label: msg(locale, "quiz.render.askAboutThis"),
    });
  return buttons;
}

/** At most this many glossary terms on a verdict, and this many characters for the line. */
export const VERDICT_TERMS = 4;
export const TERMS_LINE_CHARS = 200;

/** "Terms: 参数 parameter · 词元 token — /glossary <term>", or "" without terms. */
export function termsLine(terms: GlossaryEntry[], locale: Locale): string {
  const tail = msg(locale, "quiz.render.glossaryTerm");
  let line = msg(locale, "quiz.render.terms");
  let shown = 0;
  for (const t of terms.slice(0, VERDICT_TERMS)) {
    // "pickle 序列化" already names "pickle": not "pickle 序列化 pickle".
    const label = t.term.zh.toLowerCase().includes(t.term.en.toLowerCase())
      ? t.term.zh
      : `${t.term.zh} ${t.term.en}`;
    const next = `${line}${shown ? " · " : ""}${label}`;
    if (next.length + tail.length > TERMS_LINE_CHARS) break;
    line = next;
    shown++;
  }
  return shown ? line + tail : "";
}

export function verdictReply(
  q: Question,
  g: GradeResult,
  points: number,
  session: SessionRecord,
  locale: Locale,
  terms: GlossaryEntry[] = [],
): Reply {
  const head =
    g.verdict === "correct"
      ? msg(locale, "quiz.render.correct")
      : g.verdict === "partial"
        ? msg(locale, "quiz.render.partlyRight", { round: Math.round(g.score * 100) })
        : msg(locale, "quiz.render.notQuite");
  const lines = [head];
  if (!g.correct) lines.push(answerLine(g.correctAnswer, locale));
  for (const f of g.feedback) lines.push(`• ${tr(f, locale)}`);
  lines.push("", tr(g.explanation, locale));
  const glossary = termsLine(terms, locale);
  if (glossary) lines.push("", glossary);
  return {
    text: lines.join("\n"),
    footer: `${msg(locale, "quiz.render.points")} +${points} · ${msg(locale, "quiz.render.source")}: ${q.source}`,
    tone: g.verdict === "correct" ? "success" : g.verdict === "partial" ? "warning" : "error",
    buttons: afterButtons(q, session, locale),
  };
}

/**
 * A skipped question: the correct answer, written as the verdict writes it (letters and choice
 * text, pairs, the order, the number with its unit), then the explanation. `session` is the
 * session after the skip; `seed` is the one the question was shown with (the session id), so the
 * letters match what the learner saw. `q` is undefined when the question left the course.
 */
export function skipReply(q: Question | undefined, session: SessionRecord, locale: Locale): Reply {
  const lines = [msg(locale, "quiz.render.skipped")];
  if (q)
    lines.push(answerLine(correctAnswerText(q, session.id), locale), "", tr(q.explanation, locale));
  return {
    text: lines.join("\n"),
    ...(q ? { footer: `${msg(locale, "quiz.render.source")}: ${q.source}` } : {}),
    tone: "info",
    buttons: afterButtons(q, session, locale),
  };
}

export function summaryReply(
  answered: { correct: boolean; points: number }[],
  total: number,
  locale: Locale,
): Reply {
  const right = answered.filter((a) => a.correct).length;
  const pts = answered.reduce((n, a) => n + a.points, 0);
  return {
    title: msg(locale, "quiz.render.quizFinished"),
    text: msg(locale, "quiz.render.youGotOfRight", {
      right,
      total,
      points: msg(locale, "common.count.point", { count: pts }),
    }),
    tone: "success",
  };
}
