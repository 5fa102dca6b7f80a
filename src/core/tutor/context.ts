// Which already-answered quiz question a tutor message is about. In a thread opened with "Ask
// about this" (a real Discord/Slack thread whose turns name a question), the thread's question,
// for as long as the thread lasts. Elsewhere (DMs, the console, a channel) the most recent of:
// the question the learner answered last, the question the latest turns were about, or a turn
// about nothing in particular (then the conversation has moved on and there is no question
// context). The question still open is never the context (its answer must not reach the model).
import type { TutorTurnRecord } from "../ports/tutor";

export interface ContextChoice {
  questionId: string;
  /** "thread": named by the conversation's turns; "answered": the learner's latest answer. */
  source: "thread" | "answered";
}

export function pickContext(o: {
  /** The conversation's recent turns, oldest first. */
  turns: readonly Pick<TutorTurnRecord, "questionId" | "createdAt">[];
  /** The learner's answers, oldest first. */
  answers: readonly { questionId: string; createdAt: Date }[];
  /** Questions the learner still has open (their quiz, a channel round): never the context, whose answer goes into the prompt. */
  openIds?: ReadonlySet<string>;
  /** The turns are those of a real thread (Discord/Slack thread), not a channel or a DM. */
  inThread: boolean;
}): ContextChoice | undefined {
  const answered = new Set(o.answers.map((a) => a.questionId));
  const anchor = [...o.turns]
    .reverse()
    .find((t) => t.questionId && answered.has(t.questionId) && !o.openIds?.has(t.questionId));
  const latest = o.answers[o.answers.length - 1];
  const last = latest && !o.openIds?.has(latest.questionId) ? latest : undefined;
  const fromTurns = anchor
    ? { questionId: anchor.questionId!, source: "thread" as const }
    : undefined;
  const fromAnswer = last
    ? { questionId: last.questionId, source: "answered" as const }
    : undefined;
  if (o.inThread && fromTurns) return fromTurns;
  const at = (d?: Date) => d?.getTime() ?? -Infinity;
  const latestTurn = o.turns[o.turns.length - 1];
  // A later exchange about no question (e.g. "what is safetensors?"): a follow-up is about that.
  if (
    latestTurn &&
    !latestTurn.questionId &&
    at(latestTurn.createdAt) > Math.max(at(anchor?.createdAt), at(last?.createdAt))
  )
    return undefined;
  // The newer wins; on a tie the answer (an explicit act of the learner).
  if (fromTurns && at(anchor!.createdAt) > at(last?.createdAt)) return fromTurns;
  return fromAnswer ?? fromTurns;
}
