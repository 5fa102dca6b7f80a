// The SQLite driver adapter coursebot uses: Prisma's better-sqlite3 adapter with per-connection
// pragmas, and a gate that keeps a statement issued outside a transaction from running inside
// another request's open transaction.
// Why the gate: the adapter has one connection. It takes a lock only to start a transaction, so
// while request A's transaction is open (between its awaits) request B's plain statements ran on
// the same connection inside A's transaction, and were silently undone if A rolled back
// (test/db/transaction-isolation.test.ts shows it). Here every plain statement waits for the
// open transaction to finish, as it would on a server database.
import { Mutex } from "async-mutex";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * Per-connection SQLite settings (they are not stored in the file). With WAL, synchronous=NORMAL
 * skips the fsync on every commit: a power cut may lose the last moments, never corrupt the file,
 * and each answer's write gets several times faster. The cache and temp tables stay in memory.
 * `optimize=0x10002` gathers statistics for tables that lack them or grew (SQLite's advice for
 * long-lived connections): a never-analysed database of 300k answers took 3.7 ms for one read.
 * Checkpoints run on a worker thread (sqlite-checkpointer.ts); this connection's own automatic
 * checkpoint moves from 1,000 WAL pages to 10,000 (40 MB) and only bounds the WAL should that
 * thread stop. `journal_size_limit` trims the WAL file back to 64 MB after a burst.
 */
const SQLITE_PRAGMAS =
  "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16000; PRAGMA temp_store = MEMORY; " +
  "PRAGMA busy_timeout = 10000; PRAGMA wal_autocheckpoint = 10000; " +
  "PRAGMA journal_size_limit = 67108864; PRAGMA optimize = 0x10002;";

/** The connection and its gate, for the learner path's raw driver (src/db/fast/driver.ts). */
export interface SqliteConnection {
  client: BetterSqlite3.Database;
  gate: Mutex;
}

export class TunedSqliteAdapter extends PrismaBetterSQLite3 {
  /** Set once Prisma has connected (its first query, or $connect()). */
  connection?: SqliteConnection;

  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    const gate = new Mutex();
    // The adapter keeps its better-sqlite3 handle in a public field (not in its typings).
    const client = (adapter as unknown as { client: BetterSqlite3.Database }).client;
    this.connection = { client, gate };
    return gated(adapter, gate);
  }
}

function gated(inner: Adapter, gate: Mutex): Adapter {
  const alone = <T>(fn: () => Promise<T>) => gate.runExclusive(fn);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q) => alone(() => inner.queryRaw(q)),
    executeRaw: (q) => alone(() => inner.executeRaw(q)),
    executeScript: (s) => alone(() => inner.executeScript(s)),
    async startTransaction(level) {
      const release = await gate.acquire();
      try {
        return holding(await inner.startTransaction(level), release);
      } catch (e) {
        release();
        throw e;
      }
    },
    ...(inner.getConnectionInfo ? { getConnectionInfo: () => inner.getConnectionInfo!() } : {}),
    dispose: () => inner.dispose(),
  };
}

/** The transaction, holding the gate until it commits or rolls back (once, whichever comes first). */
function holding(tx: Transaction, release: () => void): Transaction {
  let open = true;
  const end = async (finish: () => Promise<void>) => {
    try {
      await finish();
    } finally {
      if (open) {
        open = false;
        release();
      }
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (q) => tx.queryRaw(q),
    executeRaw: (q) => tx.executeRaw(q),
    commit: () => end(() => tx.commit()),
    rollback: () => end(() => tx.rollback()),
  };
}
