// Glossary lookups: finding a term by id, either language's name or an alias (case- and
// width-insensitive), close matches for a typo, and the lessons that use a term (the lesson
// that defines it and every lesson with a question tagged with it).
import type { CourseIndex, GlossaryEntry, Lesson } from "./model";

/** Lower-case, NFKC (full-width ＡＢ and （） become ASCII), trimmed, inner spaces collapsed. */
export function normaliseTerm(text: string): string {
  return text
    .normalize("NFKC")
    .trim()
    .replace(/^[`"'“”‘’]+|[`"'“”‘’]+$/g, "")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/** Every string a learner may type for the entry. "bf16 (bfloat16)" also answers to "bf16" and "bfloat16". */
export function termKeys(e: GlossaryEntry): string[] {
  const names = [e.id, e.term.zh, e.term.en, ...(e.aliases ?? [])].map(normaliseTerm);
  const keys = new Set(names);
  for (const n of names) {
    const m = /^(.+?)\s*\((.+)\)$/.exec(n);
    if (m) {
      keys.add(m[1].trim());
      keys.add(m[2].trim());
    }
  }
  keys.delete("");
  return [...keys];
}

export function findTerm(index: CourseIndex, text: string): GlossaryEntry | undefined {
  const needle = normaliseTerm(text);
  if (!needle) return undefined;
  const byId = index.glossary.get(needle);
  if (byId) return byId;
  // Full names and aliases first, then the shorter forms split out of "name (other name)".
  const exact = index.course.glossary.find((e) =>
    [e.term.zh, e.term.en, ...(e.aliases ?? [])].some((n) => normaliseTerm(n) === needle),
  );
  return exact ?? index.course.glossary.find((e) => termKeys(e).includes(needle));
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}

/** Terms close to what was typed: a key containing it (or contained in it), or a small typo. */
export function closeTerms(index: CourseIndex, text: string, max = 5): GlossaryEntry[] {
  const needle = normaliseTerm(text);
  if (!needle) return [];
  const scored = index.course.glossary
    .map((e) => {
      let best = Infinity;
      for (const k of termKeys(e)) {
        if (k.includes(needle) || (k.length >= 2 && needle.includes(k))) best = Math.min(best, 0.5);
        const d = editDistance(needle, k);
        if (d <= Math.max(1, Math.floor(Math.min([...needle].length, [...k].length) / 3)))
          best = Math.min(best, d);
      }
      return { e, best };
    })
    .filter((s) => s.best < Infinity)
    .sort((a, b) => a.best - b.best);
  return scored.slice(0, max).map((s) => s.e);
}

/** The lesson that defines the term, then the other lessons whose questions use it, in course order. */
export function termLessons(index: CourseIndex, id: string): Lesson[] {
  const entry = index.glossary.get(id);
  const ids = new Set<string>();
  if (entry?.lesson) ids.add(entry.lesson);
  for (const q of index.course.questions) if (q.glossary?.includes(id)) ids.add(q.lesson);
  return index.course.lessons.filter((l) => ids.has(l.id));
}
