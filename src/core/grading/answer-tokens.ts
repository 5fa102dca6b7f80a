// The generic pieces of reading an answer, shared by the question-type modules: splitting typed
// text into tokens, resolving a token to an option (number, letter, id or text), and the plain
// "malformed answer" error. Kept free of the registry so modules can import it.
import { UserError } from "../errors";
import { bi } from "../i18n";
import { LETTERS, type Option } from "./seeded-shuffle";

/** Structured input from a platform component: the selected ids (matching: "left=right"). */
export interface StructuredAnswer {
  ids: string[];
}

export function malformed(zh: string, en: string): never {
  throw new UserError(bi(zh, en), "malformed_answer");
}

/** Resolves one token to an option id: display number, letter, id, or the option's text. */
function resolveOption(token: string, options: Option[]): string | undefined {
  const t = token.trim();
  if (/^\d+$/.test(t)) return options[Number(t) - 1]?.id;
  if (/^[a-j]$/i.test(t)) return options[LETTERS.indexOf(t.toUpperCase())]?.id;
  const lower = t.toLowerCase();
  return options.find((o) => o.id === lower || o.text.en.toLowerCase() === lower || o.text.zh === t)
    ?.id;
}

export function tokens(text: string): string[] {
  const parts = text.split(/[\s,，、;；/|]+/).filter(Boolean);
  // "AC" or "BD" typed without separators means two letters.
  if (parts.length === 1 && /^[a-j]{2,10}$/i.test(parts[0])) return parts[0].split("");
  if (parts.length === 1 && /^\d{2,8}$/.test(parts[0]) && !parts[0].includes("0"))
    return parts[0].split("");
  return parts;
}

export function listOptions(options: Option[]): string {
  return options.map((_, i) => `${i + 1}/${LETTERS[i]}`).join(", ");
}

/** Components send option ids; typed text may use numbers, letters, ids or the option's text. */
export function resolveAny(
  token: string,
  options: Option[],
  structured: boolean,
): string | undefined {
  return structured ? options.find((o) => o.id === token)?.id : resolveOption(token, options);
}

export function resolveAll(list: string[], options: Option[], structured: boolean): string[] {
  return list.map((tok) => {
    const id = resolveAny(tok, options, structured);
    if (!id)
      malformed(
        `“${tok.slice(0, 40)}”不是有效选项，请用 ${listOptions(options)}。`,
        `"${tok.slice(0, 40)}" is not one of the options; use ${listOptions(options)}.`,
      );
    return id;
  });
}
