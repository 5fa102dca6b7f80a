// BM25 retrieval over the course passages (MiniSearch), optionally fused with embedding
// similarity. Each passage is indexed once per language; a hit in either language returns the
// bilingual passage, so a Chinese question can find notes and vice versa where terms are shared.
import MiniSearch from "minisearch";
import type { CourseIndex } from "../content/model";
import { AliasTable } from "./aliases";
import { contentTerms, Vocabulary } from "./coverage";
import { coursePassages, type Passage } from "./passages";
import { terms } from "./segment";

export interface Retrieved extends Passage {
  score: number;
}

export interface RetrieveOptions {
  k?: number;
  /** Question ids whose explanations may be searched (the learner has answered them). */
  answered?: ReadonlySet<string>;
  /** Explanations never to return, whatever `answered` says (the question open right now). */
  exclude?: ReadonlySet<string>;
  /**
   * Earlier words this question follows up on (the thread's question, the last message): searched
   * too, at a lower weight than the question's own words, so they cannot take the search over.
   */
  context?: string;
}

/** Weights of the words a search adds to the learner's own (which weigh 1). */
const ALIAS_BOOST = 0.5;
const CONTEXT_BOOST = 0.4;
/** At most this many content words of the context are added. */
const CONTEXT_TERMS = 10;

/** Vectors for texts, and the tokens the embeddings endpoint charged for them (0 if all cached). */
export interface Embedded {
  vectors: number[][];
  tokens: number;
}

/** Turns texts into vectors (embeddings). Implemented outside the core; may cache. */
export interface Embedder {
  readonly model: string;
  embed(texts: string[], signal?: AbortSignal): Promise<Embedded>;
}

interface Doc {
  key: string;
  pid: string;
  title: string;
  text: string;
}

export const DEFAULT_K = 5;

export class Retriever {
  readonly passages: Passage[];
  private readonly byId = new Map<string, Passage>();
  private index_?: MiniSearch<Doc>;
  private vocabulary_?: Vocabulary;
  readonly aliases: AliasTable;

  constructor(readonly index: CourseIndex) {
    this.passages = coursePassages(index);
    for (const p of this.passages) this.byId.set(p.id, p);
    this.aliases = new AliasTable(index.course.glossary);
  }

  /** Term weights for the coverage gate (built on first use, like the search index). */
  get vocabulary(): Vocabulary {
    return (this.vocabulary_ ??= new Vocabulary(this.passages, this.aliases));
  }

  /** Built on first use: segmenting the whole course takes a few hundred ms, kept off start-up. */
  private get search(): MiniSearch<Doc> {
    if (this.index_) return this.index_;
    const search = new MiniSearch<Doc>({
      idField: "key",
      fields: ["title", "text"],
      storeFields: ["pid"],
      tokenize: (t) => terms(t),
      processTerm: (t) => t,
      searchOptions: {
        boost: { title: 2 },
        tokenize: (t) => terms(t),
        processTerm: (t) => t,
        combineWith: "OR",
      },
    });
    const docs: Doc[] = [];
    for (const p of this.passages)
      for (const lang of ["zh", "en"] as const)
        docs.push({ key: `${p.id}@${lang}`, pid: p.id, title: p.title[lang], text: p.text[lang] });
    search.addAll(docs);
    return (this.index_ = search);
  }

  passage(id: string): Passage | undefined {
    return this.byId.get(id);
  }

  private allowed(p: Passage, opts: RetrieveOptions): boolean {
    if (p.kind !== "explanation") return true;
    return !!p.questionId && !!opts.answered?.has(p.questionId) && !opts.exclude?.has(p.questionId);
  }

  /** BM25 ranking; every allowed passage that shares a term, best first, one entry per passage. */
  bm25(query: string, opts: RetrieveOptions = {}): Retrieved[] {
    const best = new Map<string, number>();
    const own = new Set(terms(query));
    const added = this.aliases.expansionTerms(contentTerms(query)).filter((t) => !own.has(t));
    const context = opts.context
      ? contentTerms(opts.context)
          .filter((t) => !own.has(t))
          .slice(0, CONTEXT_TERMS)
      : [];
    const weight = new Map<string, number>([
      ...context.map((t) => [t, CONTEXT_BOOST] as const),
      ...added.map((t) => [t, ALIAS_BOOST] as const),
    ]);
    for (const t of own) weight.set(t, 1);
    const text = [query, ...added, ...context].join(" ");
    for (const hit of this.search.search(text, {
      boostTerm: (t) => weight.get(t) ?? CONTEXT_BOOST,
    })) {
      const pid = hit.pid as string;
      const p = this.byId.get(pid);
      if (!p || !this.allowed(p, opts)) continue;
      best.set(pid, Math.max(best.get(pid) ?? 0, hit.score));
    }
    return [...best]
      .map(([pid, score]) => ({ ...this.byId.get(pid)!, score }))
      .sort((a, b) => b.score - a.score);
  }

  /** The top k passages by BM25. */
  retrieve(query: string, opts: RetrieveOptions = {}): Retrieved[] {
    return this.bm25(query, opts).slice(0, opts.k ?? DEFAULT_K);
  }

  /**
   * BM25 fused with embedding similarity by reciprocal rank fusion (k=60), which needs no score
   * calibration between the two. Falls back to BM25 alone if the embedder fails.
   */
  async retrieveHybrid(
    query: string,
    embedder: Embedder,
    opts: RetrieveOptions = {},
    signal?: AbortSignal,
  ): Promise<Retrieved[]> {
    return (await this.hybrid(query, embedder, opts, signal)).passages;
  }

  /**
   * retrieveHybrid, also reporting the embedding tokens spent: on the question (the learner's
   * cost) and on the course's passages (a shared cost, paid once per model, then cached).
   */
  async hybrid(
    query: string,
    embedder: Embedder,
    opts: RetrieveOptions = {},
    signal?: AbortSignal,
  ): Promise<{ passages: Retrieved[]; queryTokens: number; corpusTokens: number }> {
    const k = opts.k ?? DEFAULT_K;
    const lexical = this.bm25(query, opts);
    const candidates = this.passages.filter((p) => this.allowed(p, opts));
    const texts = candidates.map(embeddingText);
    const corpus = await embedder.embed(texts, signal);
    const asked = await embedder.embed(
      [opts.context ? `${query}\n${opts.context}` : query],
      signal,
    );
    const [qv] = asked.vectors;
    const pvs = corpus.vectors;
    if (!Array.isArray(qv) || pvs.length !== texts.length)
      throw new Error("embedder returned the wrong number of vectors");
    const dense = candidates
      .map((p, i) => ({ p, s: cosine(qv, pvs[i]) }))
      .sort((a, b) => b.s - a.s);
    const fused = new Map<string, number>();
    lexical.forEach((r, i) => fused.set(r.id, (fused.get(r.id) ?? 0) + 1 / (60 + i + 1)));
    dense.forEach((d, i) => fused.set(d.p.id, (fused.get(d.p.id) ?? 0) + 1 / (60 + i + 1)));
    const passages = [...fused]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([id, score]) => ({ ...this.byId.get(id)!, score: Number((score * 1000).toFixed(3)) }));
    return { passages, queryTokens: asked.tokens, corpusTokens: corpus.tokens };
  }
}

/** What is embedded for a passage: both languages, so either language's query lands near it. */
export function embeddingText(p: Passage): string {
  return `${p.title.en} / ${p.title.zh}\n${p.text.en}\n${p.text.zh}`.slice(0, 6000);
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
