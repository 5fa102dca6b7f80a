// The quiz questions a learner has open right now, whose answers the tutor must not give: the
// current question of their own quiz session, the question of a channel round running in the
// channel they ask from (everyone there can still answer it, and the tutor's reply is public),
// and the question of any running round they are taking part in (they asked from elsewhere, e.g.
// a DM). A round question counts until its deadline; after that nobody can answer it any more.
import type { Ctx } from "../commands/types";
import type { Question } from "../content/schema";
import type { RoundRecord } from "../ports/rounds";
import { isDue } from "../rounds/rules";
import { leakForms, type LeakForms } from "./leak-forms";

export interface OpenQuestion {
  question: Question;
  forms: LeakForms;
  source: "quiz" | "round";
}

export interface OpenQuestions {
  /** The learner's own quiz question first, else a round's: named in the hint and the prompt rule. */
  primary?: Question;
  all: OpenQuestion[];
  ids: Set<string>;
}

export async function findOpenQuestions(ctx: Ctx): Promise<OpenQuestions> {
  const all: OpenQuestion[] = [];
  const session = await ctx.store.sessions.findOpen(ctx.learner.id);
  const own = session ? ctx.index.question(session.questionIds[session.position]) : undefined;
  if (session && own)
    all.push({ question: own, forms: leakForms(own, session.id), source: "quiz" });

  const now = ctx.clock.now();
  const rounds = new Map<string, RoundRecord>();
  const { platform, channelId, workspaceId } = ctx.actor;
  const here = channelId ? await ctx.store.rounds.findRunning(platform, channelId) : null;
  if (here) rounds.set(here.id, here);
  for (const r of await ctx.store.rounds.listActive(platform)) {
    if (rounds.has(r.id) || r.workspaceId !== workspaceId || isDue(r, now)) continue;
    if ((await ctx.store.rounds.listAnswers(r.id)).some((a) => a.learnerId === ctx.learner.id))
      rounds.set(r.id, r);
  }
  for (const r of rounds.values()) {
    if (r.status !== "running" || isDue(r, now)) continue;
    const q = ctx.index.question(r.questionIds[r.position]);
    // Display letters of a round come from its id, as its question message shows them.
    if (q) all.push({ question: q, forms: leakForms(q, r.id), source: "round" });
  }
  return { primary: all[0]?.question, all, ids: new Set(all.map((o) => o.question.id)) };
}
