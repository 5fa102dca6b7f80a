// The interaction benchmark's floor: one learner's quiz (start, 10 answers with Next, summary,
// /progress) as the very statements the app's learner path runs (src/db/fast/statements.ts),
// issued straight on the raw driver with nothing of the app around them: no grading, no replies,
// no FSRS. What the app costs above this is the app's own work.
// `countStatements` counts what the app issues, so the report can show both run the same number.
import type { RawDriver, Row } from "../../src/db/fast/driver";
import { toCard, toSession } from "../../src/db/fast/rows";
import { answerParams, cardParams } from "../../src/db/fast/sessions";
import * as S from "../../src/db/fast/statements";

type Lat = { start: number[]; answer: number[]; progress: number[]; lastAnswerAt?: number };

/** Wraps the driver's methods (in place) to count statements; restore() undoes it. */
export function countStatements(raw: RawDriver) {
  const saved = { ...raw };
  let n = 0;
  const count = <F extends (...a: never[]) => unknown>(f: F) =>
    ((...a: Parameters<F>) => {
      n++;
      return f(...a);
    }) as F;
  Object.assign(raw, { all: count(raw.all), run: count(raw.run) });
  if (raw.provider === "sqlite") {
    const atomic = raw.atomic;
    raw.atomic = (fn) => atomic((q) => fn({ all: count(q.all), run: count(q.run) }));
  }
  return {
    get count() {
      return n;
    },
    reset: () => {
      n = 0;
    },
    restore: () => Object.assign(raw, saved),
  };
}

export async function floorLearnerRun(
  raw: RawDriver,
  courseId: string,
  userId: string,
  questionIds: string[],
  lat: Lat,
): Promise<void> {
  const key = ["discord", "bench", userId];
  // On PostgreSQL the app keeps learners in its cache (learner-cache.ts): it reads the row on a
  // learner's first request and again after the streak written with the first answer of the
  // day (which drops the copy), and not otherwise. The floor reads it at those same points.
  const cached = raw.provider === "postgres";
  let fresh = true;
  const whoIsAsking = async () => {
    if (!cached || fresh) await raw.all(S.LEARNER_BY_KEY, key);
    fresh = false;
  };
  const now = () => new Date();
  let t = performance.now();
  const [found] = await raw.all(S.LEARNER_BY_KEY, key);
  fresh = false;
  const learner: Row =
    found ??
    (await raw.all(S.LEARNER_UPSERT, [`floor-${userId}`, ...key, userId, now(), now()]))[0];
  const lid = learner.id as string;
  await raw.all(S.CARDS_DUE[1], [lid, courseId, now(), questionIds.length * 3]);
  await raw.all(S.ANSWERS_BY_LEARNER[0][0], [lid, courseId]);
  await raw.all(S.SESSION_OPEN, [lid, courseId]);
  await raw.run(S.SESSION_ABANDON_OPEN, [now(), lid, courseId]);
  const sid = `floor-${userId}-${Date.now()}`;
  await raw.run(S.SESSION_INSERT, [
    sid,
    lid,
    courseId,
    "practice",
    null,
    JSON.stringify(questionIds),
    now(),
    now(),
  ]);
  lat.start.push(performance.now() - t);
  for (let pos = 0; pos < questionIds.length; pos++) {
    t = performance.now();
    await whoIsAsking();
    const [r] = await raw.all(S.SESSION_WITH_CARD_BY_ID, [sid]);
    const s = toSession(r);
    if (r.c_id != null) toCard(r, "c_");
    const at = now();
    const last = pos + 1 >= questionIds.length;
    const patch = [pos + 1, last ? "finished" : null, at, 0, last ? at : null, sid, s.version];
    const answer = {
      learnerId: lid,
      sessionId: sid,
      questionId: questionIds[pos],
      topic: "t",
      lessonId: "l",
      // Kept apart from the app's answers, which the benchmark counts.
      workspaceId: "floor",
      given: { choice: "a" },
      correct: true,
      score: 1,
      points: 10,
      timeTakenMs: 1000,
      hintUsed: false,
      firstTry: true,
      createdAt: at,
    };
    const card = {
      learnerId: lid,
      questionId: questionIds[pos],
      due: at,
      stability: 1,
      difficulty: 5,
      elapsedDays: 0,
      scheduledDays: 1,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
      state: 1,
      lastReview: at,
    };
    // The streak is written on the first answer of the day, as the app does.
    const streak = pos === 0 ? [1, "2026-12-07", 0, at, lid, null] : undefined;
    const id = `${sid}-${pos}`;
    if (raw.provider === "sqlite") {
      await raw.atomic((q) => {
        q.all(S.SESSION_UPDATE, patch);
        q.run(S.ANSWER_INSERT, answerParams(answer, id, courseId, true));
        q.run(S.CARD_UPSERT, cardParams(card, courseId, at));
        if (streak) q.run(S.STREAK_UPDATE, streak);
      });
    } else {
      const [sc, sd, sf, su, sl, sp] = streak ?? [null, null, null, at, lid, null];
      await raw.all(S.PG_ANSWER, [
        ...patch,
        ...answerParams(answer, id, "", false),
        ...cardParams(card, null, at),
        true,
        ...[sc, sd, sf, su, streak !== undefined, sl, sp],
      ]);
    }
    if (streak) fresh = true;
    if (last) await raw.all(S.ANSWERS_BY_SESSION, [sid]);
    lat.answer.push(performance.now() - t);
    lat.lastAnswerAt = performance.now();
    if (!last) {
      await whoIsAsking();
      await raw.all(S.SESSION_SHOW_AT, [now(), sid, lid, pos + 1]);
    }
  }
  t = performance.now();
  await whoIsAsking();
  await raw.all(S.ANSWERS_BY_LEARNER[0][0], [lid, courseId]);
  await raw.all(S.COMMUNITY_BY_KEY, ["discord", "bench"]);
  const [due] = await raw.all(S.CARDS_COUNT_DUE, [lid, courseId, now()]);
  if (!Number(due?.n)) await raw.all(S.CARD_NEXT_DUE, [lid, courseId]);
  lat.progress.push(performance.now() - t);
}
