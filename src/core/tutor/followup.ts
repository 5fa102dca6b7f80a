// Whether a message follows up on the conversation ("why?", "那为什么", "what about it", "and in
// fp16?") or is a question of its own ("GPT和BERT有什么区别"). Only a follow-up is searched
// together with earlier turns; a question with its own content words stands alone, so an
// unrelated earlier message cannot pull the search (and the coverage gate) off course.
import { contentTerms } from "./coverage";

/** Openings that continue the conversation: "and in fp16?", "what about int4?", "那 int8 呢". */
const CONTINUES =
  /^\s*(and|so|then|but|also|or|what about|how about|why not|那么?|还有|然后|所以|那如果|如果是)\b|^\s*(那么?|还有|然后|所以)/i;
/** Words that point back at something said before. */
const POINTS_BACK =
  /\b(it|its|that|this|those|these|they|them|there|why|how come)\b|它|这个|那个|这样|那样|为什么|为啥|怎么会|呢/i;

const MAX_LENGTH = 60;

export function isFollowUp(text: string): boolean {
  const own = contentTerms(text);
  if (!own.length) return true;
  if (text.length > MAX_LENGTH) return false;
  return (CONTINUES.test(text) && own.length <= 2) || (POINTS_BACK.test(text) && own.length <= 1);
}
