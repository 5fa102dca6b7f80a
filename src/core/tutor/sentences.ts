// Splits a note passage into the units an extractive answer quotes: whole sentences of its
// paragraphs and whole items of its lists, each knowing the block it belongs to, so an answer can
// keep a list together with the line that introduces it ("Common units:") and never cut a
// sentence. Sentences come from Intl.Segmenter (ICU's sentence rules: "1.75T", "e.g. int8" stay
// whole), then rejoined where ICU breaks inside one: after an abbreviation ("Wei et al. (2022)",
// "e.g. F16"), after a question mark inside a quoted title ("…a Mirage?" (NeurIPS 2023), argue …),
// or before a clause that goes on in lower case.

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Abbreviations a sentence does not end at (ICU breaks after them before a capital or a bracket). */
const ABBREVIATION =
  /(?:\bet al|\be\.g|\bi\.e|\bvs|\bcf|\bapprox|\bFig|\bNo|\bDr|\bMr|\bMrs|\bSt)\.$/i;
/** A "?" or "!" closed by a quote or bracket: inside a title or quotation, when the text goes on. */
const QUOTED_END = /[?!？！]["”'’)）》」』]+$/;
/** How the next piece starts when it continues the previous one. */
const GOES_ON = /^[a-z(,;:)\]，、；：）]/;
const CJK_START = /^[\u3400-\u9fff\uf900-\ufaff]/;

export const LIST_ITEM = /^\s*(?:[-*•]|\d+[.)])\s+/;

/** The sentences of one paragraph (markdown emphasis removed), whole. */
export function sentencesOf(paragraph: string): string[] {
  const text = paragraph.replace(/\*\*/g, "").replace(/\s+/g, " ").trim();
  const out: string[] = [];
  for (const s of segmenter.segment(text)) {
    // Segments keep their trailing space, so pieces rejoin exactly as the note has them.
    const piece = s.segment;
    if (!piece.trim()) {
      if (out.length) out[out.length - 1] += piece;
      continue;
    }
    const prev = out.length ? out[out.length - 1].trim() : undefined;
    const p = piece.trim();
    if (
      prev !== undefined &&
      (ABBREVIATION.test(prev) || GOES_ON.test(p) || (QUOTED_END.test(prev) && CJK_START.test(p)))
    )
      out[out.length - 1] += piece;
    else out.push(piece);
  }
  // ICU keeps an opening bracket or quote after "。" with the sentence before it: it opens the next.
  for (let i = 0; i + 1 < out.length; i++) {
    const m = /[(（《「『“‘[]+\s*$/u.exec(out[i]);
    if (m) {
      out[i] = out[i].slice(0, m.index);
      out[i + 1] = m[0] + out[i + 1];
    }
  }
  return out.map((x) => x.trim()).filter(Boolean);
}

export interface Unit {
  /** Index in Passage units, in reading order. */
  i: number;
  block: number;
  kind: "sentence" | "item";
  text: string;
  /** A list item's own marker ("1.", or "•" for a bullet). */
  marker?: string;
  /** For a sentence: its position in its paragraph. */
  pos?: number;
}

export interface Block {
  kind: "paragraph" | "list";
  units: Unit[];
  /** For a list: the sentence right before it, which it spells out ("Common units:", "…the metric."). */
  intro?: Unit;
}

export interface ParsedPassage {
  blocks: Block[];
  units: Unit[];
}

/** A passage's paragraphs and lists, split into sentences and items. */
export function parsePassage(text: string): ParsedPassage {
  const blocks: Block[] = [];
  const units: Unit[] = [];
  const add = (u: Omit<Unit, "i">) => {
    const unit = { ...u, i: units.length };
    units.push(unit);
    return unit;
  };
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const m = LIST_ITEM.exec(line);
    if (m) {
      let list = blocks[blocks.length - 1];
      if (list?.kind !== "list") {
        const before = blocks[blocks.length - 1];
        const last =
          before?.kind === "paragraph" ? before.units[before.units.length - 1] : undefined;
        list = { kind: "list", units: [], intro: last };
        blocks.push(list);
      }
      const marker = /^\d/.test(m[0].trim()) ? m[0].trim() : "•";
      list.units.push(
        add({
          block: blocks.length - 1,
          kind: "item",
          marker,
          text: line.slice(m[0].length).replace(/\*\*/g, "").replace(/\s+/g, " ").trim(),
        }),
      );
      continue;
    }
    const block: Block = { kind: "paragraph", units: [] };
    blocks.push(block);
    sentencesOf(line).forEach((s, pos) =>
      block.units.push(add({ block: blocks.length - 1, kind: "sentence", text: s, pos })),
    );
  }
  return { blocks, units };
}
