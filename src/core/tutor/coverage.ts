// The coverage gate: do the course notes cover this question? The share of the question's
// content words found in one of the best passages, each word weighted by how specific it is to
// the course (inverse document frequency; a word the course never uses weighs the most, so
// "telephone" sinks "who invented the telephone?"). A word also counts as found when an
// equivalent is ("区别" ~ "不同", "ChatGPT" ~ "GPT", glossary aliases), when its stem is
// ("trained" ~ "training"), or, for a Chinese word, when all its character pairs are (the notes
// segmented it differently). Single Chinese characters weigh half: they say little on their own.
import { stem, type AliasTable } from "./aliases";
import type { Passage } from "./passages";
import { terms } from "./segment";

/** Below this weighted share, the notes do not cover the question (test/tutor/coverage-gate.test.ts). */
export const MIN_COVERAGE = 0.5;
/** How many of the best passages are each tried on their own (definitions of the question's
 * general words can fill the first places: "位置编码" before ChatGLM's section for "ChatGLM 用的是什么位置编码"). */
const TOP = 4;

const CJK = /^[\u3400-\u9fff\uf900-\ufaff]+$/;

/** Question words that carry no topic: asked about, not about anything ("mean", "意思"). */
const FILLER = new Set([
  "can't",
  "cannot",
  "don't",
  "doesn't",
  "isn't",
  "aren't",
  "won't",
  "didn't",
  "wasn't",
  "like",
  "just",
  "really",
  "actually",
  "exactly",
  "also",
  "some",
  "any",
  "other",
  "one",
  "get",
  "got",
  "make",
  "made",
  "use",
  "used",
  "work",
  "works",
  "way",
  "thing",
  "need",
  "want",
  "know",
  "say",
  "says",
  "said",
  "between",
  "mean",
  "meaning",
  "called",
  "stand",
  "difference",
  // comparing and judging words: the subject is what is compared or judged ("175B vs 1.75T", "is pickle unsafe")
  "vs",
  "versus",
  "compare",
  "compared",
  "differ",
  "different",
  "useful",
  "good",
  "bad",
  "always",
  "inside",
  "out",
  "have",
  "has",
  "there",
  "actually",
  "true",
  "still",
  "important",
  "name",
  "laid",
  "look",
  "looks",
  "most",
  // words about the quiz question being discussed ("why is that the right answer?")
  "answer",
  "right",
  "wrong",
  "correct",
  "incorrect",
  "option",
  "choice",
  "答案",
  "选项",
  "对",
  "错",
  "正确",
  "错误",
  // words about the asking itself, not its subject
  "question",
  "concept",
  "detail",
  "detailed",
  "example",
  "summary",
  "summarize",
  "note",
  "notes",
  "section",
  "topic",
  "lesson",
  "course",
  "idea",
  "simple",
  "simply",
  "term",
  "word",
  "behind",
  "relevant",
  "give",
  "worked",
  "words",
  "plain",
  "问题",
  "概念",
  "例子",
  "举例",
  "详细",
  "总结",
  "知识点",
  "笔记",
  "章节",
  "课",
  "题",
  "涉及",
  "讲解",
  "区别",
  "不同",
  "差别",
  "差异",
  "意思",
  "里",
  "里面",
  "那",
  "这",
  "不能",
  "像",
  "那样",
  "这样",
  "可以",
  "能够",
  "出来",
  "一些",
  "东西",
  "为啥",
  "能",
  "会",
  "要",
  "用",
  "做",
  "叫",
  "指",
  "到底",
  "呀",
  "嘛",
  "么",
  "需要",
  "现在",
  "这类",
  "还有",
  "一定",
  "大概",
  "好处",
  "代价",
  "有啥",
  "不一样",
  "干嘛",
  "得出",
  "哪类",
  "啥",
  "重要",
  "名字",
  "代表",
  "最多",
  "好",
  "几个",
  "好几个",
  "些",
  "都",
  "概要",
  "干什么",
  "做什么",
  "干啥",
  "的是",
]);

/** The passages worth judging: those scoring at least 30% of the best one. */
export function keepStrong<T extends { score: number }>(passages: T[]): T[] {
  return passages.length ? passages.filter((p) => p.score >= passages[0].score * 0.3) : passages;
}

/** The content words of a question: its terms minus filler, unique, in order. */
export function contentTerms(text: string): string[] {
  return [...new Set(terms(text, { bigrams: false }))].filter((t) => !FILLER.has(t));
}

const pairs = (w: string) => Array.from({ length: w.length - 1 }, (_, i) => w.slice(i, i + 2));

/** Document frequencies of terms over the passages, for the weights. */
export class Vocabulary {
  private readonly df = new Map<string, number>();
  private readonly n: number;

  constructor(
    passages: readonly Passage[],
    readonly aliases: AliasTable,
  ) {
    this.n = passages.length;
    for (const p of passages)
      for (const t of passageTerms(p)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  /** How many passages use a word; for a phrase ("大模型", "large model"), its rarest part. */
  private phraseDf(word: string): number {
    const ts = terms(word).map(stem);
    return ts.length ? Math.min(...ts.map((t) => this.df.get(t) ?? 0)) : 0;
  }

  /** Inverse document frequency; a word the notes never use gets the weight of one used once, × 1.5. */
  weight(term: string): number {
    const dfs = [term, ...this.aliases.expand(term)]
      .map((w) => this.phraseDf(w))
      .filter((d) => d > 0);
    const idf = (d: number) => Math.log(1 + this.n / d);
    const w = dfs.length ? idf(Math.max(...dfs)) : idf(1) * 1.5;
    return CJK.test(term) && term.length === 1 ? w / 2 : w;
  }
}

/** A passage's terms (both languages, with Chinese character pairs), stemmed, as a set. */
export function passageTerms(p: Pick<Passage, "title" | "text">): Set<string> {
  return new Set(terms(`${p.title.zh} ${p.title.en} ${p.text.zh} ${p.text.en}`).map(stem));
}

function found(term: string, have: Set<string>, aliases: AliasTable): boolean {
  for (const w of [term, ...aliases.expand(term)]) {
    const ts = terms(w, { bigrams: false }).map(stem);
    if (
      ts.length &&
      ts.every(
        (t) => have.has(t) || (CJK.test(t) && t.length > 2 && pairs(t).every((p) => have.has(p))),
      )
    )
      return true;
  }
  return false;
}

/** Weighted share (0–1) of the question's content words found in the best-matching top passage. */
export function coverage(query: string, passages: readonly Passage[], vocab: Vocabulary): number {
  const want = contentTerms(query);
  if (!want.length || !passages.length) return 0;
  const weights = want.map((t) => vocab.weight(t));
  const total = weights.reduce((a, b) => a + b, 0);
  let best = 0;
  for (const p of passages.slice(0, TOP)) {
    const have = passageTerms(p);
    const got = want.reduce(
      (sum, t, i) => sum + (found(t, have, vocab.aliases) ? weights[i] : 0),
      0,
    );
    best = Math.max(best, got / total);
  }
  return best;
}
