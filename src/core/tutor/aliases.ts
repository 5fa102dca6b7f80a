// Equivalent words, so a learner's wording meets the notes' wording: the glossary's own terms
// and aliases (one-word forms only: "int8" ~ "quantization" ~ "量化"), plus a short hand-made
// bilingual list of the words learners use that the notes phrase differently ("区别" ~ "不同",
// "ChatGPT" ~ "GPT", "LLM" ~ "大模型", "trained" ~ "training"). Used to widen the search query (at
// a lower weight than the learner's own words) and by the coverage gate.
import type { GlossaryEntry } from "../content/schema";
import { terms } from "./segment";

/** Groups of words that mean the same thing to a learner of this course (zh and en). */
const BUILT_IN: string[][] = [
  [
    "区别",
    "不同",
    "差异",
    "差别",
    "区分",
    "difference",
    "differ",
    "different",
    "versus",
    "vs",
    "compare",
    "compared",
  ],
  ["llm", "大模型", "大语言模型", "large model"],
  ["chatgpt", "gpt"],
  ["train", "training", "trained", "训练", "pre-training", "预训练"],
  ["hallucinate", "hallucination", "幻觉", "编造", "weakness", "缺点"],
  ["write", "writing", "generate", "generation", "生成", "写", "写作", "文章"],
  ["safe", "safer", "safety", "安全"],
  [
    "dangerous",
    "danger",
    "risk",
    "unsafe",
    "malicious",
    "attacker",
    "风险",
    "危险",
    "恶意",
    "攻击者",
  ],
  ["memory", "显存", "内存", "vram"],
  ["video", "视频"],
  ["image", "picture", "图片", "图像"],
  ["billion", "十亿"],
  ["repo", "repository", "仓库"],
];

const UNIT_WORDS: Record<string, string[]> = {
  k: ["thousand", "千"],
  m: ["million", "百万"],
  b: ["billion", "十亿"],
  t: ["trillion", "万亿"],
};

/** Light English stemming for matching ("trained" ~ "train", "layers" was folded already). */
export function stem(t: string): string {
  if (!/^[a-z]+$/.test(t)) return t;
  if (t.length > 5 && t.endsWith("ing")) return t.slice(0, -3);
  if (t.length > 4 && t.endsWith("ed")) return t.slice(0, -2);
  return t;
}

/** A word's search terms, when it is one term ("int8"); undefined for phrases. */
function single(word: string): string | undefined {
  const t = terms(word, { bigrams: false });
  return t.length === 1 ? t[0] : undefined;
}

export class AliasTable {
  private readonly groups = new Map<string, Set<string>>();
  private readonly split = new Map<string, string[]>();

  constructor(glossary: readonly GlossaryEntry[] = []) {
    for (const g of BUILT_IN)
      this.add(
        g.flatMap((w) =>
          single(w) ? [single(w)!] : terms(w, { bigrams: false }).length ? [w.toLowerCase()] : [],
        ),
      );
    for (const e of glossary) {
      const words = [
        e.term.en,
        e.term.zh,
        ...(e.aliases ?? []),
        e.term.en.replace(/\s*\(.*\)\s*/, ""),
        e.term.zh.replace(/[（(].*[)）]/, ""),
      ];
      this.add(words.map(single).filter((w): w is string => !!w));
    }
  }

  private add(words: string[]) {
    const uniq = [...new Set(words)];
    if (uniq.length < 2) return;
    for (const w of uniq) {
      const set = this.groups.get(w) ?? new Set<string>();
      for (const o of uniq) if (o !== w) set.add(o);
      this.groups.set(w, set);
    }
  }

  /** Words equivalent to `term` (not including it); multi-word entries come back as phrases. */
  expand(term: string): string[] {
    // "7B", "13b", "0.175T": a count in a unit, so the question is about that unit.
    const unit = /^\d+(?:\.\d+)?([kmbt])$/.exec(term)?.[1];
    if (unit) return [unit, ...UNIT_WORDS[unit], "unit", "单位"];
    return [...(this.groups.get(term) ?? this.groups.get(stem(term)) ?? [])];
  }

  /** The terms to add to a query for these query terms (phrases split into their terms). */
  expansionTerms(queryTerms: readonly string[]): string[] {
    const own = new Set(queryTerms);
    const out = new Set<string>();
    for (const t of own) for (const x of this.expandedTerms(t)) if (!own.has(x)) out.add(x);
    return [...out];
  }

  /** expand(term), split into search terms; memoized (segmenting is the costly part of a search). */
  private expandedTerms(term: string): string[] {
    let hit = this.split.get(term);
    if (!hit) {
      hit = [...new Set(this.expand(term).flatMap((e) => terms(e, { bigrams: false })))];
      if (this.split.size < 10_000) this.split.set(term, hit);
    }
    return hit;
  }
}
