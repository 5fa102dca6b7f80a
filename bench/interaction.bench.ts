// Interaction latency and throughput, in-process through the core and real storage: 200
// simulated learners at once each start a quiz, answer every question (each answer is graded
// and written with the session in one transaction) and read /progress. Runs on SQLite and on a
// throwaway PostgreSQL database. Three loads: the crowd acting with no pause (saturation: the
// throughput ceiling, latency = queueing), the same crowd pausing 0.5–1.5 s to read before each
// action as people do, and one learner alone (service time, no queueing). Each engine runs twice:
// on an empty database and on a large one (1,000,000 answers, 10,000 learners, seeded in bulk
// before the run) so costs that grow with the data show. The event loop's delay is sampled
// (perf_hooks) while the crowds run: a statement or render that blocks it delays every learner.
// The floor row runs the same statements on the raw driver (lib/floor.ts); the saturated crowd
// and the floor alternate for ROUNDS rounds and each reports its median round.
import { cpus } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createChartService } from "../src/app/charts/chart-service";
import { loadContent } from "../src/app/content-files";
import { DISCORD } from "../src/adapters/discord/identity";
import { identityFields } from "../src/adapters/platform/contract";
import type { Actor } from "../src/core/actor";
import { createBot, type Bot, type HandledEvent } from "../src/core/bot";
import { systemClock } from "../src/core/clock";
import type { Reply } from "../src/core/reply";
import { silentLogger } from "../src/core/ports/logger";
import { openDatabase } from "../src/db/connect";
import { createStore, LEGACY_COURSE_ID } from "../src/db/store";
import { answerFor } from "../test/helpers/answers";
import { createTestDatabaseUrl } from "../test/helpers/db";
import { countStatements, floorLearnerRun } from "./lib/floor";
import { LARGE, seedLarge } from "./lib/seed-large";
import { met, round, summarise, type BenchResult } from "./lib/stats";

const LEARNERS = 200;
/** Saturation rounds of the crowd and of the floor, alternating; each reports its median. */
const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const QUESTIONS = 10;
const TARGET_P99_MS = 20;
const TARGET_RATE = { sqlite: 1000, postgres: 500 } as const;

// Any well-formed answer for the question shown (right or wrong does not matter here): answerFor.
const questionOf = (replies: Reply[]) => replies.find((r) => r.question)?.question;

/** A pause before each action: none (saturation) or a learner reading, 0.5–1.5 s (realistic load). */
type Think = () => Promise<void>;
const noThink: Think = async () => {};
const reading: Think = () => new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));

/** Latencies per kind, and when the last answer of the run was acknowledged. */
type Lat = { start: number[]; answer: number[]; progress: number[]; lastAnswerAt?: number };

async function learnerRun(bot: Bot, actor: Actor, lat: Lat, think: Think = noThink): Promise<void> {
  await think();
  let t = performance.now();
  let q = questionOf(await bot.handleCommand(actor, "quiz", { count: QUESTIONS }));
  lat.start.push(performance.now() - t);
  while (q) {
    const action = `quiz.answer:${q.sessionId}:${q.position}`;
    await think();
    t = performance.now();
    await bot.handleAction(actor, action, answerFor(q));
    lat.answer.push(performance.now() - t);
    lat.lastAnswerAt = performance.now();
    // Discord shows "Next"; pressing it reads the session again.
    if (q.position + 1 < q.total) await think();
    q =
      q.position + 1 < q.total
        ? questionOf(await bot.handleAction(actor, `quiz.next:${q.sessionId}`, {}))
        : undefined;
  }
  await think();
  t = performance.now();
  await bot.handleCommand(actor, "progress", {});
  lat.progress.push(performance.now() - t);
}

async function runEngine(provider: "sqlite" | "postgres", large: boolean) {
  const { url, drop } = await createTestDatabaseUrl(provider);
  const db = await openDatabase(url);
  const charts = createChartService(); // /progress draws its chart as in the app
  try {
    const seedSeconds = large ? await seedLarge(db.prisma, provider, "seed") : 0;
    const outcomes: Record<string, number> = {};
    const onHandled = (e: HandledEvent) => {
      const k = `${e.name}:${e.outcome}`;
      outcomes[k] = (outcomes[k] ?? 0) + 1;
    };
    const bot = createBot(
      {
        index: loadContent("content"),
        store: createStore(db.prisma),
        clock: systemClock,
        logger: silentLogger,
        charts,
      },
      { onHandled },
    );
    const actor = (i: number, tag: string): Actor => ({
      ...identityFields(DISCORD),
      workspaceId: "bench",
      userId: `${tag}${i}`,
      displayName: `Learner ${i}`,
    });
    // Warm-up (JIT, connection pool, statement caches), then one learner alone, then the crowd.
    const warm = { start: [] as number[], answer: [] as number[], progress: [] as number[] };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => learnerRun(bot, actor(i, "warm"), warm)),
    );
    const solo = { start: [] as number[], answer: [] as number[], progress: [] as number[] };
    // The app's statements for one learner's quiz, counted, to compare with the floor's.
    const counter = countStatements(db.raw);
    for (let i = 0; i < 10; i++) await learnerRun(bot, actor(i, "solo"), solo);
    const appStatements = counter.count / 10;
    counter.reset();
    const index = loadContent("content");
    const floorQuestions = index.course.questions.slice(0, QUESTIONS).map((q) => q.id);
    const floorSolo = { start: [] as number[], answer: [] as number[], progress: [] as number[] };
    for (let i = 0; i < 10; i++)
      await floorLearnerRun(db.raw, LEGACY_COURSE_ID, `fsolo${i}`, floorQuestions, floorSolo);
    const floorStatements = counter.count / 10;
    counter.restore();
    for (const k of Object.keys(outcomes)) delete outcomes[k];
    const lat: Lat = { start: [], answer: [], progress: [] };
    // Nanosecond histogram of how late timers fire: 10 ms resolution is enough for a 20 ms target.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    // The crowd and the floor take turns, ROUNDS times each (fresh learners every round), and
    // each reports its median round: one round of a few seconds swings with a GC pause or a WAL
    // checkpoint, and alternating keeps a drift of the machine from favouring either.
    const floor: Lat = { start: [], answer: [], progress: [] };
    const appRates: number[] = [];
    const appRequestRates: number[] = [];
    const floorRates: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const run: Lat = { start: [], answer: [], progress: [] };
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: LEARNERS }, (_, i) => learnerRun(bot, actor(i, `crowd${r}-`), run)),
      );
      const seconds = (performance.now() - t0) / 1000;
      // Answers per second over the answering, up to the last answer: the closing /progress of
      // each learner waits for its chart from the chart worker (a queue of 200 at once), which
      // is /progress latency (reported on its own), not the answer path's throughput.
      appRates.push(run.answer.length / ((run.lastAnswerAt! - t0) / 1000));
      // Every request is start + answers + next presses + progress.
      appRequestRates.push(
        (run.start.length + run.answer.length * 2 - LEARNERS + run.progress.length) / seconds,
      );
      for (const k of ["start", "answer", "progress"] as const) lat[k].push(...run[k]);
      // The floor: the same statements on the raw driver, the same crowd, nothing of the app.
      const fround: Lat = { start: [], answer: [], progress: [] };
      const f0 = performance.now();
      await Promise.all(
        Array.from({ length: LEARNERS }, (_, i) =>
          floorLearnerRun(db.raw, LEGACY_COURSE_ID, `floor${r}-${i}`, floorQuestions, fround),
        ),
      );
      floorRates.push(fround.answer.length / ((fround.lastAnswerAt! - f0) / 1000));
      floor.answer.push(...fround.answer);
    }
    // The same crowd as learners really behave: each reads for 0.5–1.5 s before every action.
    const paced = { start: [] as number[], answer: [] as number[], progress: [] as number[] };
    const p0 = performance.now();
    await Promise.all(
      Array.from({ length: LEARNERS }, (_, i) =>
        learnerRun(bot, actor(i, "paced"), paced, reading),
      ),
    );
    const pacedSeconds = (performance.now() - p0) / 1000;
    loop.disable();
    const eventLoop = {
      p99: round(loop.percentile(99) / 1e6),
      max: round(loop.max / 1e6),
    };
    const written = await db.prisma.answer.count({ where: { workspaceId: "bench" } });
    const expectedWritten = (20 + 10 + (ROUNDS + 1) * LEARNERS) * QUESTIONS;
    const answers = summarise(lat.answer);
    const soloAnswers = summarise(solo.answer);
    const rate = median(appRates);
    // Every request is start + answers + next presses + progress; answers/s counts answers only.
    return {
      provider,
      data: large
        ? `${LARGE.learners * LARGE.sessionsPerLearner * LARGE.answersPerSession} answers, ${LARGE.learners} learners`
        : "empty",
      large,
      seedSeconds: round(seedSeconds, 1),
      eventLoop,
      answers,
      soloAnswers,
      pacedAnswers: summarise(paced.answer),
      pacedRate: round(paced.answer.length / pacedSeconds, 0),
      start: summarise(lat.start),
      progress: summarise(lat.progress),
      answersPerSecond: round(rate, 0),
      requestsPerSecond: round(median(appRequestRates), 0),
      roundRates: {
        app: appRates.map((x) => round(x, 0)),
        floor: floorRates.map((x) => round(x, 0)),
      },
      written,
      expectedWritten,
      outcomes,
      floor: {
        answers: summarise(floor.answer),
        answersPerSecond: round(median(floorRates), 0),
        statementsPerQuiz: { app: appStatements, floor: floorStatements },
      },
    };
  } finally {
    await charts.close();
    await db.close();
    await drop();
  }
}

export default async function (): Promise<BenchResult> {
  const engines: Awaited<ReturnType<typeof runEngine>>[] = [];
  for (const provider of ["sqlite", "postgres"] as const) {
    engines.push(await runEngine(provider, false), await runEngine(provider, true));
  }
  const emptyRate = (p: string) =>
    engines.find((x) => x.provider === p && !x.large)?.answersPerSecond ?? NaN;
  const rows = engines.flatMap((e): Record<string, string | number>[] => [
    {
      engine: e.provider,
      data: e.data,
      load: `${LEARNERS} learners at once`,
      "answer p50 ms": e.answers.p50,
      "answer p99 ms": e.answers.p99,
      "answers/s": e.answersPerSecond,
      "requests/s": e.requestsPerSecond,
      "answers written": `${e.written}/${e.expectedWritten}`,
      "event loop p99/max ms": `${e.eventLoop.p99}/${e.eventLoop.max}`,
      // No latency target here: with no pause, requests queue and latency is the queue's length.
      target:
        `≥ ${TARGET_RATE[e.provider]}/s: ${met(e.answersPerSecond >= TARGET_RATE[e.provider])}; ` +
        `loop p99 ≤ ${TARGET_P99_MS} ms: ${met(e.eventLoop.p99 <= TARGET_P99_MS)}` +
        (e.large
          ? `; ≥ 80 % of empty: ${round((100 * e.answersPerSecond) / emptyRate(e.provider), 0)} % ` +
            met(e.answersPerSecond >= 0.8 * emptyRate(e.provider))
          : ""),
    },
    {
      engine: e.provider,
      data: e.data,
      load: `${LEARNERS} learners, 0.5–1.5 s reading between actions`,
      "answer p50 ms": e.pacedAnswers.p50,
      "answer p99 ms": e.pacedAnswers.p99,
      "answers/s": e.pacedRate,
      "requests/s": "",
      "answers written": "",
      target: `p99 ≤ ${TARGET_P99_MS} ms: ${met(e.pacedAnswers.p99 <= TARGET_P99_MS)}`,
    },
    {
      engine: e.provider,
      data: e.data,
      load: `floor: the same ${e.floor.statementsPerQuiz.floor} statements a quiz on the raw driver, ${LEARNERS} at once`,
      "answer p50 ms": e.floor.answers.p50,
      "answer p99 ms": e.floor.answers.p99,
      "answers/s": e.floor.answersPerSecond,
      "requests/s": "",
      "answers written": "",
      target:
        `app ${e.floor.statementsPerQuiz.app} statements a quiz; app within 1.5× of the floor: ` +
        `${round(e.floor.answersPerSecond / e.answersPerSecond, 2)}× ` +
        met(e.floor.answersPerSecond <= 1.5 * e.answersPerSecond),
    },
    {
      engine: e.provider,
      data: e.data,
      load: "1 learner alone",
      "answer p50 ms": e.soloAnswers.p50,
      "answer p99 ms": e.soloAnswers.p99,
      "answers/s": round(1000 / e.soloAnswers.mean, 0),
      "requests/s": "",
      "answers written": "",
      target: `p99 ≤ ${TARGET_P99_MS} ms: ${met(e.soloAnswers.p99 <= TARGET_P99_MS)}`,
    },
  ]);
  return {
    title: `Interaction latency and throughput (${cpus().length} cores; start quiz → ${QUESTIONS} answers → /progress)`,
    rows,
    json: engines,
  };
}
