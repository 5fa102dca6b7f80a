// Turns bilingual text into search terms. Chinese has no spaces, so words come from
// Intl.Segmenter (ICU's dictionary segmenter); CJK runs also yield character bigrams so a query
// segmented differently from the notes ("参数量" vs "参数 量") still matches. English terms are
// lower-cased, stop words dropped, and plurals folded.
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;

const STOP = new Set([
  "a",
  "an",
  "the",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "of",
  "to",
  "in",
  "on",
  "for",
  "and",
  "or",
  "it",
  "its",
  "this",
  "that",
  "what",
  "which",
  "who",
  "how",
  "why",
  "when",
  "where",
  "do",
  "does",
  "did",
  "can",
  "could",
  "i",
  "me",
  "my",
  "you",
  "your",
  "we",
  "with",
  "as",
  "by",
  "at",
  "from",
  "about",
  "into",
  "than",
  "then",
  "so",
  "if",
  "not",
  "no",
  "there",
  "their",
  "they",
  "them",
  "would",
  "should",
  "will",
  "has",
  "have",
  "had",
  "mean",
  "means",
  "tell",
  "explain",
  "please",
  "much",
  "many",
  "的",
  "了",
  "是",
  "在",
  "和",
  "与",
  "吗",
  "呢",
  "什么",
  "怎么",
  "为什么",
  "哪",
  "哪个",
  "一个",
  "这个",
  "那个",
  "我",
  "你",
  "它",
  "有",
  "也",
  "就",
  "都",
  "请",
  "吧",
  "啊",
  "多少",
  "几",
  "哪些",
  "怎样",
  "如何",
  "可以",
  "一下",
  "讲讲",
  "介绍",
]);

/** Folds simple English plurals so "parameters" matches "parameter". */
function fold(term: string): string {
  if (term.length > 4 && term.endsWith("ies")) return `${term.slice(0, -3)}y`;
  if (term.length > 3 && term.endsWith("s") && !term.endsWith("ss") && !term.endsWith("us"))
    return term.slice(0, -1);
  return term;
}

/** Search terms of a text (both languages), in order, duplicates kept (BM25 counts them). */
export function terms(text: string, opts: { bigrams?: boolean } = {}): string[] {
  const out: string[] = [];
  const runs: string[] = [];
  let run = "";
  const flush = () => {
    if (run.length > 1) runs.push(run);
    run = "";
  };
  // The two segments before this one, to see a model name's size ("chatglm3-6b", "glm-130b").
  let before2 = "",
    before1 = "";
  for (const s of segmenter.segment(text.normalize("NFKC").toLowerCase())) {
    const [b2, b1] = [before2, before1];
    [before2, before1] = [before1, s.segment];
    const w = s.segment.trim();
    if (!s.isWordLike || !w || STOP.has(w)) {
      flush();
      continue;
    }
    if (CJK.test(w)) {
      out.push(w);
      run += w;
      continue;
    }
    flush();
    // "PaLM's", "what's": the possessive or contraction says nothing; "140gb", "12.5GB": a
    // number written against its unit, as the notes write "140 GB".
    const bare = w.replace(/['’]s$/, "");
    const sized = /^(\d+(?:\.\d+)?)(gb|mb|tb|kb|ms)$/.exec(bare);
    if (sized) out.push(sized[1], sized[2]);
    // A size that is part of a model's name is that model, not a question about units.
    else if (b1 === "-" && /^[a-z][\w.]*$/.test(b2) && /^\d+(?:\.\d+)?[kmbt]$/.test(bare))
      out.push(`${b2}-${bare}`);
    else if (bare && !STOP.has(bare)) {
      out.push(fold(bare));
      // "encoder-only", "decoder-only": the compound too, so the two are told apart.
      if (b1 === "-" && /^[a-z][a-z0-9]*$/.test(b2) && /^[a-z]/.test(bare) && !STOP.has(b2))
        out.push(`${b2}-${fold(bare)}`);
    }
  }
  flush();
  // Character bigrams over runs of (non-stop) Chinese words, so a query segmented differently
  // from the notes ("参数量" vs "参数 量") still matches.
  if (opts.bigrams !== false)
    for (const r of runs) for (let i = 0; i + 1 < r.length; i++) out.push(`${r[i]}${r[i + 1]}`);
  return out;
}

/** "zh" when the text is mostly Chinese, "en" when it has Latin words and no Chinese. */
export function detectLanguage(text: string): "zh" | "en" | undefined {
  const cjk = (text.match(CJK_RUN) ?? []).join("").length;
  const latin = (text.match(/[a-z]{2,}/gi) ?? []).length;
  if (cjk > 0 && cjk >= latin) return "zh";
  if (latin > 0) return "en";
  return undefined;
}
