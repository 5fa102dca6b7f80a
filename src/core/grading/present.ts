// How a question is shown: the display order of choices/items, stable for one quiz session so
// that "2" or "B" means the same thing on every screen. Deterministic from a seed string. Each
// question type's module decides its own order; this file asks the registry.
import type { Question } from "../content/schema";
import { moduleFor } from "../question-types/registry";
import type { Option } from "./seeded-shuffle";

export { LETTERS, hash32, seededRandom, shuffle, type Option } from "./seeded-shuffle";

/** The options shown for choice questions (and items for ordering), in display order. */
export function displayOptions(q: Question, seed: string): Option[] {
  return moduleFor(q.type).options(q, seed);
}

/** The second column (matching's right-hand side), in display order; [] for other types. */
export function displayRight(q: Question, seed: string): Option[] {
  return moduleFor(q.type).right?.(q, seed) ?? [];
}
