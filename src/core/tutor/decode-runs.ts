// Text hidden in an encoding, for the leak and secrecy checks: base64 (standard and URL-safe),
// hex (with or without separators), percent-encoding and \uXXXX escapes, decoded when the result
// is readable UTF-8; and the text read backwards ("B si rewsna ehT"). A check runs on the text
// and on each of these, so "QiBpcyB0aGUgYW5zd2Vy" is read as "B is the answer".

const BASE64 = /[A-Za-z0-9+/_-]{4,}={0,2}/g;
const HEX = /\b(?:[0-9a-fA-F]{2}(?:[\s:,-]|\\x|0x)?){4,}/g;

/** Decoded bytes as text, when they are valid UTF-8 and mostly printable. */
function readable(bytes: Buffer): string | undefined {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (!text || text.includes("\ufffd")) return undefined;
  const printable = [...text].filter((c) => /[\p{L}\p{N}\p{P}\p{Zs}\n]/u.test(c)).length;
  return printable / [...text].length >= 0.85 ? text : undefined;
}

export function decodedRuns(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(BASE64)) {
    const run = m[0];
    // A plain word ("safetensors", "Transformer") is not base64: expect mixed case or digits.
    if (!/[A-Z]/.test(run) || !/[a-z0-9]/.test(run)) continue;
    const s = readable(Buffer.from(run.replace(/-/g, "+").replace(/_/g, "/"), "base64"));
    if (s && s.length >= 2) out.push(s);
  }
  for (const m of text.matchAll(HEX)) {
    const hex = m[0].replace(/\\x|0x|[\s:,-]/g, "");
    if (hex.length % 2 || (!/[a-f]/i.test(hex) && hex.length < 8)) continue;
    const s = readable(Buffer.from(hex, "hex"));
    if (s) out.push(s);
  }
  if (/%[0-9a-f]{2}/i.test(text)) {
    try {
      out.push(decodeURIComponent(text));
    } catch {
      /* not percent-encoded after all */
    }
  }
  if (/\\u[0-9a-f]{4}/i.test(text))
    out.push(
      text.replace(/\\u([0-9a-f]{4})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    );
  return out;
}

/** The text read backwards, by code point. */
export const reversed = (text: string) => [...text].reverse().join("");
