// Whether typed text reads as a quiz answer ("B", "1", "A C", "3 1 2 4", "1-B 2-A", "175B",
// "140 GB", "1750亿") rather than words. With no question open, such text is not a question for
// the tutor (its retrieval would return unrelated passages): the learner is told how to start one.
import { normalizeNumberText } from "./numeric";

/** Option labels (numbers, letters a–j), alone, listed, run together ("AC") or paired ("1-B"). */
const CHOICES_RE = /^(?:(?:\d{1,2}|[a-j])(?:\s*[-=:：→>]\s*(?:\d{1,2}|[a-j]))?[\s,，、;；]*)+$/i;
/** A number with at most a short unit or measure word: "175B", "0.175 T", "140 GB", "232毫秒". */
const AMOUNT_RE =
  /^[~≈约]?\s*[+-]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:\s*(?:e|[x×*]\s*10\s*\^)\s*[+-]?\d+)?\s*[a-z\u4e00-\u9fff/-]{0,12}$/i;

export function looksLikeAnswer(text: string): boolean {
  const t = normalizeNumberText(text)
    .replace(/[?？!！.。]+$/, "")
    .trim();
  if (!t) return false;
  return CHOICES_RE.test(t) || AMOUNT_RE.test(t) || /^(?:true|false|对|错|正确|错误)$/i.test(t);
}
