// Mention neutraliser applied to every Reply at the bot boundary. Replies often echo learner
// text (an unknown topic, a typed answer) or course text; none of it may ping a whole server or
// a person. Discord pings on @everyone/@here and <@id>/<@&role>/<#channel>; Slack on <!channel>,
// <!here>, <!everyone> and <@U…>. A zero-width space breaks each pattern while the text still
// reads the same. Adapters keep their own escaping (allowed_mentions, Slack escaping) as well.
import type { Reply } from "./reply";

const ZWSP = "\u200b";

/**
 * The one mention neutraliser (replies at the bot boundary, tutor output, Slack and Discord
 * text): the union of what every platform parses. Broadcast words after @ or a full-width ＠
 * (Slack parses both); every <@…>, <@&…>, <#…>, <!…> token; and an @name at the start of a
 * word (a model may write one). E-mail addresses and a lone "@" are left alone.
 */
export function neutraliseMentions(text: string): string {
  // Every pattern needs one of these; most texts have none, and skip three regex passes.
  if (!/[@＠<]/.test(text)) return text;
  return text
    .replace(/([@＠])(everyone|here|channel)/gi, `$1${ZWSP}$2`)
    .replace(/<([@!#])/g, `<${ZWSP}$1`)
    .replace(/(^|[\s(])([@＠])(?=[\w.-]{2,})/g, `$1$2${ZWSP}`);
}

/** Whether a text still holds something a platform would treat as a mass or user mention. */
export function hasPingingMention(text: string): boolean {
  return /@(everyone|here)|<[@!#]/i.test(text);
}

export function safeReply(r: Reply): Reply {
  const s = neutraliseMentions;
  return {
    ...r,
    text: s(r.text),
    ...(r.title !== undefined ? { title: s(r.title) } : {}),
    ...(r.footer !== undefined ? { footer: s(r.footer) } : {}),
    ...(r.fields
      ? { fields: r.fields.map((f) => ({ ...f, name: s(f.name), value: s(f.value) })) }
      : {}),
    ...(r.buttons ? { buttons: r.buttons.map((b) => ({ ...b, label: s(b.label) })) } : {}),
    ...(r.question
      ? {
          question: {
            ...r.question,
            prompt: s(r.question.prompt),
            howToAnswer: s(r.question.howToAnswer),
            options: r.question.options.map((o) => ({ ...o, label: s(o.label) })),
            ...(r.question.right
              ? { right: r.question.right.map((o) => ({ ...o, label: s(o.label) })) }
              : {}),
          },
        }
      : {}),
  };
}

/**
 * Replaces lone UTF-16 surrogates (invalid Unicode that chat APIs can still deliver) with U+FFFD:
 * databases and JSON encoders reject them, which would turn a learner's typo into a fault.
 */
export function wellFormed(text: string): string {
  return text.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    "\ufffd",
  );
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}
