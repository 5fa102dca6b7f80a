// Scratch: one crowd on one engine, for a CPU profile (not part of npm run bench).
import { loadContent } from "../src/app/content-files";
import { DISCORD } from "../src/adapters/discord/identity";
import { identityFields } from "../src/adapters/platform/contract";
import { createBot } from "../src/core/bot";
import { systemClock } from "../src/core/clock";
import type { Reply } from "../src/core/reply";
import { silentLogger } from "../src/core/ports/logger";
import { openDatabase } from "../src/db/connect";
import { createStore } from "../src/db/store";
import { answerFor } from "../test/helpers/answers";
import { createTestDatabaseUrl } from "../test/helpers/db";

const provider = (process.argv[2] ?? "sqlite") as "sqlite" | "postgres";
const { url, drop } = await createTestDatabaseUrl(provider);
const db = await openDatabase(url);
const stats = new Map<string, [number, number]>();
const add = (k: string, t: number) => {
  const v = stats.get(k) ?? [0, 0];
  v[0]++;
  v[1] += t;
  stats.set(k, v);
};
const { all, run: runS } = db.raw;
const timed = (q: { all: typeof all; run: typeof runS }) => ({
  all: async (st: Parameters<typeof all>[0], p: readonly unknown[]) => {
    const t = performance.now();
    try {
      return await q.all(st, p);
    } finally {
      add(st.sqlite.slice(0, 60), performance.now() - t);
    }
  },
  run: async (st: Parameters<typeof all>[0], p: readonly unknown[]) => {
    const t = performance.now();
    try {
      return await q.run(st, p);
    } finally {
      add(st.sqlite.slice(0, 60), performance.now() - t);
    }
  },
});
if (process.env.TIMED) Object.assign(db.raw, timed({ all, run: runS }));
const bot = createBot({
  index: loadContent("content"),
  store: createStore(db.prisma),
  clock: systemClock,
  logger: silentLogger,
});
const qOf = (rs: Reply[]) => rs.find((r) => r.question)?.question;
async function run(tag: string) {
  const actor = { ...identityFields(DISCORD), workspaceId: "bench", userId: tag, displayName: tag };
  let q = qOf(await bot.handleCommand(actor, "quiz", { count: 10 }));
  let n = 0;
  while (q) {
    await bot.handleAction(actor, `quiz.answer:${q.sessionId}:${q.position}`, answerFor(q));
    n++;
    q =
      q.position + 1 < q.total
        ? qOf(await bot.handleAction(actor, `quiz.next:${q.sessionId}`, {}))
        : undefined;
  }
  await bot.handleCommand(actor, "progress", {});
  return n;
}
await Promise.all(Array.from({ length: 50 }, (_, i) => run(`w${i}`)));
for (let round = 0; round < 3; round++) {
  const t0 = performance.now();
  const ns = await Promise.all(Array.from({ length: 200 }, (_, i) => run(`c${round}-${i}`)));
  const s = (performance.now() - t0) / 1000;
  console.log(
    provider,
    "answers/s",
    Math.round(ns.reduce((a, b) => a + b, 0) / s),
    "cpu",
    process.cpuUsage(),
  );
}
if (process.env.TIMED)
  for (const [k, [n, t]] of [...stats].sort((a, b) => b[1][1] - a[1][1]))
    console.log(n, ((t / n) * 1000).toFixed(1) + " µs", Math.round(t) + " ms", k);
await db.close();
await drop();
