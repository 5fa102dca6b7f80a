// What of a streamed answer may be shown while it is still arriving. While a question is open,
// only complete sentences are shown (a leak often becomes recognisable only at its end: "No" →
// "No.", "the sec…" → "the second one"), minus any tail that is the start of a protected text (a
// correct choice, a true/false statement) that a later chunk might complete. Every candidate is
// checked before it is shown, and once anything leaks, nothing more is shown; the final reply is
// checked again. With nothing open, text is shown as it arrives less its last HOLD_BACK
// characters: an echo of the prompt (prompt-echo.ts) is recognisable only after a few dozen
// letters, pipe-separated, base64 or hex even later, and none of it may be shown before then.

/** Characters of a stream withheld while no question is open (see above). */
export const HOLD_BACK = 80;

/** Where the last complete sentence of `text` ends (0 when there is none yet). */
export function completeSentencesEnd(text: string): number {
  let end = 0;
  // A full stop counts before whitespace, but not in "e.g. ", "i.e. ", "etc. ", "vs. " or "3.5".
  for (const m of text.matchAll(/[.!?]["”')\]]*(?=\s)|[。！？；]["”」』）)]*|\n/g)) {
    const at = m.index!;
    if (
      m[0][0] === "." &&
      /\b(e\.g|i\.e|etc|vs|cf|approx|no|fig|eq)$/i.test(text.slice(Math.max(0, at - 8), at))
    )
      continue;
    end = at + m[0].length;
  }
  return end;
}

/** Cuts a tail of `text` that starts one of `protect` (8+ characters, case-insensitive). */
export function withoutForming(text: string, protect: readonly string[]): string {
  const low = text.toLowerCase();
  let cut = text.length;
  for (const p of protect) {
    const pl = p.toLowerCase();
    for (let k = Math.min(pl.length - 1, low.length); k >= 8; k--) {
      if (low.endsWith(pl.slice(0, k))) {
        cut = Math.min(cut, low.length - k);
        break;
      }
    }
  }
  return text.slice(0, cut).trimEnd();
}

export interface StreamGuard {
  /** The part of the answer so far that may be shown now; undefined once anything leaked. */
  visible(soFar: string): string | undefined;
  readonly blocked: boolean;
}

export function createStreamGuard(
  leaks: (text: string) => boolean,
  protect: readonly string[] = [],
  opts: { sentences?: boolean } = {},
): StreamGuard {
  const sentences = opts.sentences ?? true;
  let blocked = false;
  return {
    get blocked() {
      return blocked;
    },
    visible(soFar) {
      if (blocked) return undefined;
      const shown = sentences
        ? withoutForming(soFar.slice(0, completeSentencesEnd(soFar)), protect)
        : soFar
            .slice(0, Math.max(0, soFar.length - HOLD_BACK))
            .replace(/\S*$/, "")
            .trimEnd();
      // The shown part, and everything that arrived, are checked: a leak in the withheld tail
      // stops the stream before its sentence completes.
      if (leaks(shown) || leaks(soFar)) {
        blocked = true;
        return undefined;
      }
      return shown;
    },
  };
}
