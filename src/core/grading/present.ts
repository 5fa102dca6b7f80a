// How a question is shown: the display order of choices/items, stable for one quiz session so
// that "2" or "B" means the same thing on every screen. Deterministic from a seed string.
import type { Question } from "../content/schema";
import type { Bilingual } from "../i18n";

export interface Option {
  id: string;
  text: Bilingual;
}

/** FNV-1a 32-bit, enough to seed a shuffle; not for security. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded PRNG, so shuffles are reproducible in tests and across instances. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const rnd = seededRandom(hash32(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export const TRUE_FALSE: Option[] = [
  { id: "true", text: { zh: "对", en: "True" } },
  { id: "false", text: { zh: "错", en: "False" } },
];

/** The options shown for choice questions (and items for ordering), in display order. */
export function displayOptions(q: Question, seed: string): Option[] {
  switch (q.type) {
    case "single":
    case "multiple":
      return shuffle(q.choices, `${seed}:${q.id}`);
    case "true-false":
      return TRUE_FALSE;
    case "ordering": {
      // Never show an ordering question already solved.
      let order = shuffle(q.items, `${seed}:${q.id}`);
      if (order.every((it, i) => it.id === q.answer[i])) order = [...order.slice(1), order[0]];
      return order;
    }
    case "matching":
      return q.left;
    case "numeric":
      return [];
  }
}

/** Right-hand side of a matching question, in display order. */
export function displayRight(q: Question, seed: string): Option[] {
  return q.type === "matching" ? shuffle(q.right, `${seed}:${q.id}:right`) : [];
}

export const LETTERS = "ABCDEFGHIJ";
