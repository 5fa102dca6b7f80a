// Learners by platform identity, in memory, so most requests need no statement to know who is
// asking. On PostgreSQL a round trip is the dearest part of a request (a socket write each);
// SQLite reads a learner in-process in microseconds and keeps no cache.
// Correct across instances: every change to a learner row is announced with NOTIFY (settings,
// deletion, the streak written with an answer), and the cache is used only while this instance's
// LISTEN connection is up; when it drops, the cache empties and stays off until it is back.
// A read that raced an announcement is not kept (the generation check in `put`). Writes never
// trust a cached copy blindly: the streak is written only if the stored day is still the one
// the copy had (statements.ts: STREAK_UPDATE / PG_ANSWER).
import { LRUCache } from "lru-cache";
import pg from "pg";
import type { LearnerKey, LearnerRecord } from "../../core/ports/learners";
import type { PgRawDriver } from "./driver";
import { LEARNER_CHANNEL, NOTIFY_LEARNER } from "./statements";

export interface LearnerCache {
  /** Whether copies are kept now (PostgreSQL, while the LISTEN connection is up). */
  readonly live: boolean;
  /** The current generation: pass it to `put` with what a read started at this point returned. */
  readonly generation: number;
  get(key: LearnerKey): LearnerRecord | undefined;
  /** Keeps `l` unless a change was announced since `generation` (the read may predate it). */
  put(l: LearnerRecord, generation: number): void;
  /** Tells every instance, this one included, that the learner's row changed or is gone. */
  publish(learnerId: string): Promise<void>;
  /** Drops this instance's copy (a write here already announced itself to the others). */
  drop(learnerId: string): void;
  close(): Promise<void>;
}

/** SQLite's (and a test's) cache: holds nothing, announces nothing. */
export const noLearnerCache: LearnerCache = {
  live: false,
  generation: 0,
  get: () => undefined,
  put() {},
  publish: async () => {},
  drop() {},
  close: async () => {},
};

const keyOf = (k: LearnerKey) => `${k.platform}\u0000${k.workspaceId}\u0000${k.externalId}`;

export function pgLearnerCache(opts: {
  url: string;
  raw: PgRawDriver;
  /** Learners kept at most (least recently used go first). */
  max?: number;
  onError?: (e: unknown) => void;
}): LearnerCache {
  const keyById = new Map<string, string>();
  const byKey = new LRUCache<string, LearnerRecord>({
    max: opts.max ?? 10_000,
    dispose: (l, k) => {
      if (keyById.get(l.id) === k) keyById.delete(l.id);
    },
  });
  let live = false;
  let generation = 0;
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let backoff = 500;

  const evictAll = () => {
    generation++;
    byKey.clear();
  };
  const evict = (id: string) => {
    generation++;
    const k = keyById.get(id);
    if (k !== undefined) byKey.delete(k);
  };

  function down(e?: unknown) {
    if (!live && client === undefined) return;
    live = false;
    evictAll();
    client?.removeAllListeners();
    client?.on("error", () => {});
    client?.end().catch(() => {});
    client = undefined;
    if (e) opts.onError?.(e);
    if (!closed) {
      retry = setTimeout(listen, backoff);
      retry.unref();
      backoff = Math.min(backoff * 2, 30_000);
    }
  }

  async function listen() {
    if (closed) return;
    const c = new pg.Client({ connectionString: opts.url });
    client = c;
    c.on("error", down);
    c.on("end", () => down());
    c.on("notification", (m) => {
      if (m.channel !== LEARNER_CHANNEL) return;
      if (!m.payload || m.payload === "*") evictAll();
      else evict(m.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${LEARNER_CHANNEL}`);
      if (client !== c || closed) return;
      live = true;
      backoff = 500;
    } catch (e) {
      if (client === c) down(e);
    }
  }
  void listen();

  return {
    get live() {
      return live;
    },
    get generation() {
      return generation;
    },
    get: (k) => (live ? byKey.get(keyOf(k)) : undefined),
    put(l, gen) {
      if (!live || gen !== generation) return;
      const k = keyOf(l);
      byKey.set(k, l);
      keyById.set(l.id, k);
    },
    drop: evict,
    async publish(learnerId) {
      evict(learnerId);
      await opts.raw.run(NOTIFY_LEARNER, [LEARNER_CHANNEL, learnerId]);
    },
    async close() {
      closed = true;
      live = false;
      clearTimeout(retry);
      byKey.clear();
      const c = client;
      client = undefined;
      c?.removeAllListeners();
      c?.on("error", () => {});
      await c?.end().catch(() => {});
    },
  };
}
