// Chooses what to quote from one passage for an offline answer, and lays it out. The units are
// whole sentences and whole list items (sentences.ts). Each next unit is the one adding the most
// weight of question words not quoted yet, favoured when it fits what was asked: a reason for
// "why", a number for "how many", the opening definition for "what is", list items for "which /
// what are the steps". Units stay whole and in reading order, a list comes with the line that
// introduces it, and a sentence that leans on the one before ("So …", "因此…") brings it along.
import { stem } from "./aliases";
import { contentTerms, type Vocabulary } from "./coverage";
import { terms } from "./segment";
import type { Block, ParsedPassage, Unit } from "./sentences";

export interface QuestionKind {
  why: boolean;
  howMany: boolean;
  define: boolean;
  list: boolean;
  compare: boolean;
}

export const WHY = /\bwhy\b|\bhow come\b|\breason\b|为什么|为啥|为何|怎么会|原因|凭什么/i;
const HOW_MANY =
  /\bhow (many|much|big|large|fast|long)\b|\bhow \w+ (is|are|does|did)\b.*\b(cost|take)\b|多少|几[个块层天步次种类]|多大|多快|多久|多长|多重/i;
const DEFINE =
  /^\s*(what('?s| is| are| does)\b|define\b|meaning of\b)|什么是|是什么|什么意思|指什么|的意思|含义/i;
export const COMPARE =
  /\b(vs\.?|versus|difference|differ|different|compared?)\b|区别|不同|不一样|差别|差异|对比|相比/i;
const LIST =
  /\b(what are the|which|steps|stages|parts|kinds|types|sources|list|components|weaknesses|strengths)\b|哪些|哪几|几步|几个阶段|几部分|分哪|有什么用|用在哪/i;

export function questionKind(q: string): QuestionKind {
  return {
    why: WHY.test(q),
    howMany: HOW_MANY.test(q),
    define: DEFINE.test(q),
    list: LIST.test(q),
    compare: COMPARE.test(q),
  };
}

/** Words giving a reason or a consequence: what a "why" answer needs. */
const CAUSE =
  /\b(because|since|so|therefore|thus|hence|reason|in order to|to avoid|so that|which is why|that is why|this is why|means?)\b|因为|所以|因此|由于|于是|为了|避免|以免|才|导致|意味着/i;
/** A sentence opening that points back at the one before it. */
const LEANS_BACK =
  /^(so|thus|hence|therefore|this|that|these|those|it|they|but|however|also|then)\b|^(因此|所以|于是|这|那|它|但|不过|也就是说|此外)/i;

/** A sentence opening that draws the consequence of the one before: it completes that one. */
const CONSEQUENCE =
  /^(so|thus|hence|therefore|that is why|this is why|which is why|this means|as a result|common explanations)\b|^(于是|因此|所以|这样|也就是说|常见的解释)/i;
/** A sentence reporting the source text's claim: the next one says whether it holds. */
const REPORTS_CLAIM = /^(the source text|原文)/i;
/** A sentence this short rarely stands alone ("It differs from a traditional discriminative model."). */
const isShort = (s: string) => (/[\u3400-\u9fff]/.test(s) ? s.length <= 20 : s.length <= 60);
/** A sentence that only says a claim is wrong. */
const WRONG = /\b(wrong|incorrect|not right|off)\.$|(是错的|错误的|不对|不准确|说错了)[。！]$/i;

/** A term that says little on its own: one Latin letter or digit, or one Chinese character. */
const weak = (t: string) => t.length === 1;
const unitTerms = (u: Unit) => [...new Set(terms(u.text).map(stem))];

/** The question's words (and their equivalents), stemmed, each with its weight. */
export function questionWeights(question: string, vocab?: Vocabulary): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of contentTerms(question)) {
    const w = vocab ? vocab.weight(t) : 1;
    // The learner's own word counts fully, an equivalent ("billion" for "175B") half.
    for (const [e, share] of [
      [t, 1],
      ...(vocab?.aliases.expand(t) ?? []).map((x) => [x, 0.5] as const),
    ] as const)
      for (const x of terms(e, { bigrams: false }))
        out.set(stem(x), Math.max(out.get(stem(x)) ?? 0, (weak(x) ? w / 4 : w) * share));
  }
  return out;
}

export interface Excerpt {
  units: Unit[];
  found: Set<string>;
}

/** A list short enough to quote whole. */
const shortList = (b: Block) =>
  b.units.length <= 8 && b.units.reduce((n, u) => n + u.text.length, 0) <= 700;

/**
 * Up to `max` picks from a parsed passage (a list counts as one), plus what they bring along.
 * `covered`: question words already quoted from earlier passages; they count a quarter.
 */
export function pickUnits(
  parsed: ParsedPassage,
  weights: Map<string, number>,
  kind: QuestionKind,
  max: number,
  covered: ReadonlySet<string> = new Set(),
): Excerpt {
  const scored = parsed.units.map((u) => {
    const found = unitTerms(u).filter((t) => weights.has(t));
    // A unit that shares only a letter or a single character ("B", "的") is not about the question.
    return { u, found: found.some((t) => !weak(t)) ? found : [] };
  });
  const bonus = (u: Unit) =>
    (kind.why && CAUSE.test(u.text) ? 1.6 : 1) *
    (kind.howMany ? (/\d/.test(u.text) ? 1.5 : 0.8) : 1) *
    (kind.define && u.i === 0 ? 1.4 : 1) *
    (kind.list && (u.kind === "item" || /[:：]$/.test(u.text)) ? 1.3 : 1) *
    // Notes compare things side by side in lists ("Encoder-only: …", "Decoder-only: …").
    (kind.compare && u.kind === "item" ? 1.3 : 1);
  const seen = new Set(covered);
  const picked = new Set<Unit>();
  const lengthPenalty = (s: string) => (Math.max(20, s.length) / 20) ** 0.3;
  const listy = (u: Unit) =>
    kind.list &&
    (u.kind === "item" || parsed.blocks.some((b) => b.kind === "list" && b.intro === u));
  const gain = (x: (typeof scored)[number]) =>
    (listy(x.u) ? 0.5 : 0) +
    (x.found.reduce((n, t) => n + (seen.has(t) ? weights.get(t)! / 4 : weights.get(t)!), 0) /
      lengthPenalty(x.u.text)) *
      bonus(x.u);
  const take = (u: Unit, depth = 0) => {
    if (picked.has(u)) return;
    picked.add(u);
    for (const t of scored[u.i].found) seen.add(t);
    // What a brought-along unit needs comes too ("That is wrong." → the correction), two steps at most.
    if (depth > 0 && depth < 3) bringAlong(parsed, u, kind, (x) => take(x, depth + 1));
  };
  const found = new Set<string>();
  // A list counts as one pick, however many of its items are picked.
  // A list's first item counts as one pick, each further item as half a pick.
  const listsPicked = new Set<number>();
  for (let n = 0; n < max; ) {
    const next = scored
      .filter((x) => !picked.has(x.u) && (x.found.length || listy(x.u)))
      .sort((a, b) => gain(b) - gain(a) || a.u.i - b.u.i)[0];
    if (!next || gain(next) <= 0) break;
    n += next.u.kind === "item" && listsPicked.has(next.u.block) ? 0.5 : 1;
    if (next.u.kind === "item") listsPicked.add(next.u.block);
    for (const t of next.found) found.add(t);
    take(next.u);
    bringAlong(parsed, next.u, kind, (x) => take(x, 1));
  }
  // However a colon intro came in, its list comes with it.
  for (const b of parsed.blocks)
    if (b.kind === "list" && b.intro && picked.has(b.intro) && /[:：]$/.test(b.intro.text))
      for (const it of b.units) picked.add(it);
  return { units: [...picked].sort((a, b) => a.i - b.i), found };
}

/** What a picked unit cannot be shown without: its list (with the intro), or the sentence it leans on. */
function bringAlong(
  parsed: ParsedPassage,
  u: Unit,
  kind: QuestionKind,
  take: (u: Unit) => void,
): void {
  const block = parsed.blocks[u.block];
  const colon = (b: Block) => !!b.intro && /[:：]$/.test(b.intro.text);
  // An intro ending on a colon is never shown without its list; a sentence the list spells out
  // brings it when the list is short.
  const listAfter = parsed.blocks.find((b) => b.kind === "list" && b.intro === u);
  if (listAfter) {
    if (colon(listAfter) || shortList(listAfter)) for (const it of listAfter.units) take(it);
    return;
  }
  if (block.kind === "list") {
    // An item is shown alone, or, when the question asks for a list, with the whole list.
    if (kind.list && shortList(block)) {
      if (block.intro) take(block.intro);
      for (const it of block.units) take(it);
    } else if (block.intro && !colon(block)) take(block.intro);
    return;
  }
  const pos = u.pos ?? 0;
  // The sentence before: leaned on ("So …"), or, for "why", a short one that often states the
  // motive ("直接在像素上做这件事很贵。" before what Stable Diffusion does instead).
  if (pos > 0 && (LEANS_BACK.test(u.text) || (kind.why && isShort(block.units[pos - 1].text))))
    take(block.units[pos - 1]);
  const next = block.units[pos + 1];
  if (!next) {
    // "That is wrong." or a colon closing a paragraph: the correction, or what the colon
    // announces (a formula on a line of its own), opens the next one.
    const after = parsed.blocks[u.block + 1];
    if ((WRONG.test(u.text) || /[:：]$/.test(u.text)) && after?.kind === "paragraph")
      take(after.units[0]);
    return;
  }
  // The next sentence completes this one: it goes on after a colon, says what is right after
  // "that is wrong" or after the source's claim, draws the consequence, or this one is too short
  // to stand alone.
  if (
    /[:：]$/.test(u.text) ||
    WRONG.test(u.text) ||
    REPORTS_CLAIM.test(u.text) ||
    CONSEQUENCE.test(next.text) ||
    isShort(u.text)
  )
    take(next);
}

const CJK_END = /[\u3400-\u9fff\uf900-\ufaff。！？；：，、）》」』”]$/;

/** The picked units as lines: adjacent sentences of a paragraph joined, a gap shown as " … ", one item a line. */
export function renderUnits(units: Unit[]): string[] {
  const lines: string[] = [];
  let prev: Unit | undefined;
  for (const u of units) {
    if (u.kind === "item") lines.push(`${u.marker} ${u.text}`);
    else if (prev?.kind === "sentence" && prev.block === u.block) {
      const adjacent = (prev.pos ?? 0) + 1 === u.pos;
      lines[lines.length - 1] += adjacent
        ? CJK_END.test(prev.text)
          ? u.text
          : ` ${u.text}`
        : ` … ${u.text}`;
    } else lines.push(u.text);
    prev = u;
  }
  return lines;
}
