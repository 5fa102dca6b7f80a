// Chinese UI text: one entry per key of en.ts (a missing or unknown key is a compile error).
import type { Messages } from "./types";

export const zh = {
  "common.count.answer": "{count} 个答案",
} as const satisfies Messages;
