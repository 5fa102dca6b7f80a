// The bot's Markdown subset (**bold**, __bold__, *italic*, _italic_, `code`, [text](url),
// # headings) as terminal text: plain by default, ANSI bold/italic when writing to a terminal.
// Code spans are kept verbatim (a `*` inside code is not emphasis).

const BOLD = ["\u001b[1m", "\u001b[22m"] as const;
const ITALIC = ["\u001b[3m", "\u001b[23m"] as const;

export interface TerminalTextOptions {
  ansi?: boolean;
}

export function terminalText(markdown: string, opts: TerminalTextOptions = {}): string {
  const wrap = (style: readonly [string, string], s: string) =>
    opts.ansi ? `${style[0]}${s}${style[1]}` : s;
  // Code spans are set aside first so their contents are left alone.
  const code: string[] = [];
  let text = markdown.replace(/`([^`\n]+)`/g, (_, c: string) => `\u0000${code.push(c) - 1}\u0000`);
  text = text
    .replace(/^#{1,6}\s+(.+?)\s*#*\s*$/gm, (_, h: string) => wrap(BOLD, h))
    .replace(/\[([^\]\n]+)\]\(((?:https?|mailto):[^\s)]+)\)/g, (_, label: string, url: string) =>
      label === url ? url : `${label} (${url})`,
    )
    .replace(/\*\*(?=\S)([^*\n]*?\S)\*\*/g, (_, b: string) => wrap(BOLD, b))
    .replace(
      /(^|[^\w])__(?=\S)([^_\n]*?\S)__(?!\w)/g,
      (_, pre: string, b: string) => pre + wrap(BOLD, b),
    )
    // Single * or _ only when it hugs a word on both sides, so "2 * 3 * 4" and snake_case stay.
    .replace(
      /(^|[^\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])/g,
      (_, pre: string, i: string) => pre + wrap(ITALIC, i),
    )
    .replace(
      /(^|[^\w])_(?=[^\s_])([^_\n]*?[^\s_])_(?!\w)/g,
      (_, pre: string, i: string) => pre + wrap(ITALIC, i),
    );
  return text.replace(/\u0000(\d+)\u0000/g, (_, n: string) => code[Number(n)]);
}
