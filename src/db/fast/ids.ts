// Row ids for the learner path: UUIDv7 (time-ordered, so new rows append to the primary-key
// index instead of landing at random pages), with the random bytes taken from a pool filled 4 KB
// at a time. Why: uuid's default source asks WebCrypto for 16 bytes per id, which showed up as
// 3.8 % of the CPU of a crowd of learners answering (about 17 µs an id).
import { randomFillSync } from "node:crypto";
import { v7 as uuidv7 } from "uuid";

const POOL = Buffer.allocUnsafe(4096);
let next = POOL.length;
/** uuid's own monotonic rule (v7.js updateV7State): later ids sort later, within a ms too. */
const state = { msecs: -Infinity, seq: 0 };

export function newId(): string {
  if (next + 16 > POOL.length) {
    randomFillSync(POOL);
    next = 0;
  }
  const random = POOL.subarray(next, next + 16);
  next += 16;
  const now = Date.now();
  if (now > state.msecs) {
    state.msecs = now;
    state.seq = ((random[6] & 0x7f) << 24) | (random[7] << 16) | (random[8] << 8) | random[9];
  } else {
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs++;
  }
  return uuidv7({ random, msecs: state.msecs, seq: state.seq });
}
