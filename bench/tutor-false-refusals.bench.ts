// False refusals of exam mode: plain concept questions (test/fixtures/concept-set.yaml, zh and
// en) asked while each of twelve quiz questions (two of each type, from different lessons) is
// open, through the real tutor (offline, on a throwaway SQLite database). A false refusal is the
// "question is still open" reply to a concept question: the request gate took it for a guess,
// or the output check blocked its answer. Target: under 5%. "Not covered" replies are counted
// apart (the coverage gate's decision, the same with or without an open question).
import { readFileSync } from "node:fs";
import { load as parse } from "js-yaml";
import type { Question } from "../src/core/content/schema";
import { actor } from "../test/helpers/app";
import { course, createTutorTestApp } from "../test/helpers/tutor-app";
import type { BenchResult } from "./lib/stats";

const TYPES = ["single", "multiple", "true-false", "numeric", "ordering", "matching"] as const;
const TARGET = 0.05;

/** Two questions of each type, from lessons far apart (the first and the middle one of the type). */
export function openQuestions(): Question[] {
  const all = course().index.course.questions;
  return TYPES.flatMap((t) => {
    const qs = all.filter((q) => q.type === t);
    return [qs[0], qs[Math.floor(qs.length / 2)]];
  });
}

export default async function (): Promise<BenchResult> {
  const set = parse(readFileSync("test/fixtures/concept-set.yaml", "utf8")) as {
    q: string;
    lang: "zh" | "en";
  }[];
  const app = await createTutorTestApp("sqlite");
  const rows: Record<string, string | number>[] = [];
  const refusedList: string[] = [];
  let refused = 0,
    notCovered = 0,
    total = 0;
  try {
    for (const q of openQuestions()) {
      const user = `b-${q.id}`;
      const learner = await app.services.store.learners.upsert(
        { platform: "console", workspaceId: "w1", externalId: user },
        user,
      );
      await app.services.store.sessions.create({
        learnerId: learner.id,
        mode: "practice",
        topic: null,
        questionIds: [q.id],
        questionShownAt: app.clock.now(),
        startedAt: app.clock.now(),
      });
      let r = 0;
      for (const item of set) {
        const [reply] = await app.bot.handleCommand(actor(user), "ask", { question: item.q });
        total++;
        if (/still open|还没作答/.test(reply.text)) {
          r++;
          refusedList.push(`${q.id}: ${item.q}`);
        } else if (/don't cover|没有讲到/.test(reply.text)) notCovered++;
      }
      refused += r;
      rows.push({
        "open question": q.id,
        type: q.type,
        "concept questions": set.length,
        refused: r,
        "false-refusal rate": `${((r / set.length) * 100).toFixed(1)}%`,
      });
    }
  } finally {
    await app.close();
  }
  const rate = refused / total;
  rows.push({
    "open question": "all",
    type: "-",
    "concept questions": total,
    refused,
    "false-refusal rate": `${(rate * 100).toFixed(1)}% (target < ${TARGET * 100}%${rate < TARGET ? ", met" : ", NOT met"})`,
  });
  return {
    title: `Tutor exam mode: false refusals of ${set.length} concept questions × ${openQuestions().length} open questions (offline)`,
    rows,
    json: { rate, refused, total, notCovered, target: TARGET, refusedList },
  };
}
