// Judges offline (extractive) tutor answers on the labelled answer set
// (test/fixtures/offline-answer-facts.yaml): key facts present, "not covered" wrongly, sentences cut
// mid-way, lists broken up, lines that look typed by the user, duplicated names. Shared by
// test/tutor/offline-answer-facts.test.ts (thresholds) and bench/offline-answers.bench.ts (figures).
//
// The answer is produced the way the tutor service does for a learner with no quiz open and no
// history, without a model: search (8 candidates), the coverage gate on the strong ones, then the
// extractive answer from all candidates. The judge checks the text independently of how offline.ts segments it:
// every quoted piece (a line, or a part of a line between " … ") must be found in the cited
// passage and start and end where a sentence or a list item does.
import { readFileSync } from "node:fs";
import { load as parse } from "js-yaml";
import { coverage, keepStrong, MIN_COVERAGE } from "../../src/core/tutor/coverage";
import { extractiveAnswer } from "../../src/core/tutor/offline";
import type { Retrieved, Retriever } from "../../src/core/tutor/retriever";

export interface FactItem {
  q: string;
  lang: "zh" | "en";
  section: string | string[];
  facts: (string | string[])[];
}

export const loadFactSet = (file = "test/fixtures/offline-answer-facts.yaml") =>
  parse(readFileSync(file, "utf8")) as FactItem[];

export interface OfflineResult {
  covered: boolean;
  text: string;
  used: Retrieved[];
}

/** The offline answer a fresh learner gets (service.ts's path with no model, no quiz, no history). */
export function offlineAnswer(retriever: Retriever, q: string, lang: "zh" | "en"): OfflineResult {
  const found = retriever.retrieve(q, { k: 8, answered: new Set() });
  if (coverage(q, keepStrong(found), retriever.vocabulary) < MIN_COVERAGE)
    return { covered: false, text: "", used: [] };
  const ex = extractiveAnswer(q, found, lang, 3, retriever.vocabulary);
  return { covered: true, text: ex.text, used: ex.used };
}

/** Case, spaces, markdown emphasis and thin spaces do not matter when looking for a fact. */
export const norm = (s: string) =>
  s.normalize("NFKC").toLowerCase().replace(/[*_`]/g, "").replace(/\s+/g, "");
/** NFKC folds "10²⁴" into "1024"; facts keep their superscripts, so compare without NFKC for those. */
const normKeep = (s: string) => s.toLowerCase().replace(/[*_`]/g, "").replace(/\s+/g, "");

export function missingFacts(item: FactItem, text: string): string[] {
  const a = norm(text),
    b = normKeep(text);
  return item.facts
    .filter(
      (f) =>
        ![f]
          .flat()
          .map(String)
          .some((w) => a.includes(norm(w)) || b.includes(normKeep(w))),
    )
    .map((f) => [f].flat().join(" | "));
}

/** One source line of a passage: its text without the list marker and emphasis, and whether it was a list item. */
interface SourceLine {
  text: string;
  item: boolean;
}
const LIST_MARK = /^\s*(?:[-*•]|\d+[.)])\s+/;
const plain = (s: string) => s.replace(/\*\*/g, "").replace(/\s+/g, " ").trim();
function sourceLines(text: string): SourceLine[] {
  return text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => ({ text: plain(l.replace(LIST_MARK, "")), item: LIST_MARK.test(l) }));
}

const ENDS_SENTENCE = /[.。!?！？]["”'’)）》」]*$/;
const ABBREVIATION = /(?:\bet al|\be\.g|\bi\.e|\bvs|\bcf|\betc|\bapprox|\bFig|\bNo)\.$/i;

/** Why a quoted piece is not a whole sentence (or list item) of the line it comes from, or undefined. */
function cutReason(piece: string, line: string): string | undefined {
  const at = line.indexOf(piece);
  if (at < 0) return "not found in the cited passage";
  const before = line.slice(0, at),
    after = line.slice(at + piece.length);
  if (before && !/[.。!?！？;；:：]["”'’)）》」]*\s*$/.test(before))
    return `starts mid-sentence after "${before.slice(-20)}"`;
  if (!after) return undefined;
  if (ABBREVIATION.test(piece)) return "ends at an abbreviation";
  if (/[。！？]["”'’)）》」]*$/.test(piece)) return undefined;
  if (!ENDS_SENTENCE.test(piece) && !/[;；:：]$/.test(piece))
    return `ends mid-sentence before "${after.slice(0, 20)}"`;
  if (!/^\s/.test(after)) return `ends inside a word or number before "${after.slice(0, 20)}"`;
  if (/^\s*[a-z(,;:)]/.test(after)) return `the sentence goes on: "${after.slice(0, 20)}"`;
  return undefined;
}

export interface Judgement {
  missing: string[];
  cuts: string[];
  lists: string[];
  quoteLines: number;
  duplicates: string[];
}

/** Checks an answer's form: whole sentences, whole lists, no "> " lines, no "X (Y) (Y)". */
export function judgeForm(
  text: string,
  used: Retrieved[],
  lang: "zh" | "en",
): Omit<Judgement, "missing"> {
  const cuts: string[] = [],
    lists: string[] = [],
    duplicates: string[] = [];
  const lines = text.split("\n");
  const quoteLines = lines.filter((l) => /^\s*>/.test(l)).length;
  for (const m of text.matchAll(/(\(([^()]+)\))\s*\(\2\)|（([^（）]+)）\s*（\3）/g))
    duplicates.push(m[0]);
  let cite = 0;
  lines.forEach((raw, li) => {
    let line = raw.trim();
    if (!line) return;
    line = line.replace(/^>\s*/, "");
    const m = /^\[(\d+)\]\s*/.exec(line) ?? /\s*\[(\d+)\]$/.exec(line);
    if (m) {
      cite = Number(m[1]);
      line = line.replace(m[0], "").trim();
    }
    const p = used[cite - 1];
    if (!p) {
      cuts.push(`no citation for "${line.slice(0, 40)}"`);
      return;
    }
    const isItem = LIST_MARK.test(line);
    const src = sourceLines(
      p.kind === "explanation" ? p.text[lang].slice(p.text[lang].indexOf("\n") + 1) : p.text[lang],
    );
    // Pieces: parts of the line between " … "; a part not found whole is split after its sentence
    // ends (an answer may join sentences of one paragraph with a space).
    const pieces = line
      .replace(LIST_MARK, "")
      .split(" … ")
      .map(plain)
      .filter(Boolean)
      .flatMap((x) =>
        src.some((s) => s.text.includes(x))
          ? [x]
          : x.split(/(?<=[。！？]["”'’)）》」]*)|(?<=[.!?]["”'’)）]*)\s+/).filter(Boolean),
      );
    for (const piece of pieces) {
      const home = src.find((s) => s.text.includes(piece));
      if (!home) {
        cuts.push(`"${piece.slice(0, 50)}": not found in ${p.id}`);
        continue;
      }
      if (home.item && !isItem)
        lists.push(`list item run into a paragraph: "${piece.slice(0, 40)}"`);
      if (home.item && home.text !== piece)
        lists.push(`list item quoted in part: "${piece.slice(0, 40)}"`);
      if (home.item && pieces.length > 1)
        lists.push(`list items run together: "${line.slice(0, 50)}"`);
      const why = home.item ? undefined : cutReason(piece, home.text);
      if (why) cuts.push(`"${piece.slice(0, 50)}": ${why}`);
      // An intro ending on a colon must be followed by the list it introduces, whole.
      if (/[:：]$/.test(piece)) {
        const idx = src.indexOf(home);
        const items: string[] = [];
        for (let i = idx + 1; i < src.length && src[i].item; i++) items.push(src[i].text);
        const shown = lines
          .slice(li + 1)
          .map((l) => l.trim())
          .filter((l) => LIST_MARK.test(l))
          .map((l) => plain(l.replace(LIST_MARK, "")));
        if (!items.length) {
          // What the colon announces on a line of its own (a formula) must be the next line shown.
          const nextSrc = src[idx + 1]?.text,
            nextShown =
              lines[li + 1] !== undefined
                ? plain(lines[li + 1].replace(/^\[\d+\]\s*/, ""))
                : undefined;
          const announced = !!nextSrc && !!nextShown && nextShown.startsWith(nextSrc.slice(0, 20));
          if (piece === pieces[pieces.length - 1] && home.text.endsWith(piece) && !announced)
            lists.push(`dangling colon: "${piece.slice(-40)}"`);
        } else if (!items.every((it) => shown.includes(it)))
          lists.push(`list dropped after "${piece.slice(-40)}"`);
      }
    }
  });
  return { cuts, lists, quoteLines, duplicates };
}

export interface Figures {
  n: number;
  zh: number;
  en: number;
  allFacts: number;
  allFactsZh: number;
  allFactsEn: number;
  notCovered: number;
  cut: number;
  brokenLists: number;
  quoteLines: number;
  duplicates: number;
  failures: { q: string; problems: string[] }[];
}

export function measure(retriever: Retriever, set: FactItem[]): Figures {
  const rows = set.map((item) => {
    const r = offlineAnswer(retriever, item.q, item.lang);
    const form = r.covered
      ? judgeForm(r.text, r.used, item.lang)
      : { cuts: [], lists: [], quoteLines: 0, duplicates: [] };
    const missing = r.covered
      ? missingFacts(item, r.text)
      : item.facts.map((f) => [f].flat().join(" | "));
    return { item, r, missing, ...form };
  });
  const share = (xs: typeof rows, f: (x: (typeof rows)[number]) => boolean) =>
    xs.length ? xs.filter(f).length / xs.length : 0;
  const zh = rows.filter((x) => x.item.lang === "zh"),
    en = rows.filter((x) => x.item.lang === "en");
  const full = (x: (typeof rows)[number]) => x.r.covered && x.missing.length === 0;
  return {
    n: rows.length,
    zh: zh.length,
    en: en.length,
    allFacts: share(rows, full),
    allFactsZh: share(zh, full),
    allFactsEn: share(en, full),
    notCovered: share(rows, (x) => !x.r.covered),
    cut: share(rows, (x) => x.cuts.length > 0),
    brokenLists: share(rows, (x) => x.lists.length > 0),
    quoteLines: share(rows, (x) => x.quoteLines > 0),
    duplicates: share(rows, (x) => x.duplicates.length > 0),
    failures: rows
      .filter(
        (x) => !full(x) || x.cuts.length || x.lists.length || x.quoteLines || x.duplicates.length,
      )
      .map((x) => ({
        q: x.item.q,
        problems: [
          ...(!x.r.covered ? ["not covered"] : []),
          ...x.missing.map((m) => `missing: ${m}`),
          ...x.cuts.map((c) => `cut: ${c}`),
          ...x.lists.map((l) => `list: ${l}`),
          ...(x.quoteLines ? ["'> ' lines"] : []),
          ...x.duplicates.map((d) => `duplicate: ${d}`),
        ],
      })),
  };
}
