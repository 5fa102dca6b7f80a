// The terminal renderer: the bot's Markdown as plain text (or ANSI on a terminal), attachments
// saved as files that never overwrite one another, and the data directory they go under.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { saveAttachment, safeFileName } from "../../../src/adapters/console/attachments";
import { saveAll } from "../../../src/adapters/console/console-chat";
import { terminalText } from "../../../src/adapters/console/markdown";
import { renderReply } from "../../../src/adapters/console/render";
import { dataDir } from "../../../src/db/url";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("Markdown in the terminal", () => {
  it("drops the markup of bold, italic, code, headings and links", () => {
    expect(terminalText("The key is *creating new content*: text.")).toBe(
      "The key is creating new content: text.",
    );
    expect(terminalText("**parameter**: a number and __weights__ too")).toBe(
      "parameter: a number and weights too",
    );
    expect(terminalText("Use `topic:units` or _any_ topic")).toBe("Use topic:units or any topic");
    expect(terminalText("## Units\nsee [the notes](https://example.com/l02)")).toBe(
      "Units\nsee the notes (https://example.com/l02)",
    );
  });

  it("leaves arithmetic, snake_case and code contents alone", () => {
    expect(terminalText("2 * 3 * 4 = 24 and 7*8")).toBe("2 * 3 * 4 = 24 and 7*8");
    expect(terminalText("max_new_tokens and file_name")).toBe("max_new_tokens and file_name");
    expect(terminalText("`a *b* c` stays")).toBe("a *b* c stays");
  });

  it("uses ANSI bold and italic on a terminal", () => {
    expect(terminalText("**bold** and *it*", { ansi: true })).toBe(
      "\u001b[1mbold\u001b[22m and \u001b[3mit\u001b[23m",
    );
  });

  it("renderReply applies it to title, text, fields and footer", () => {
    const out = renderReply({
      title: "**T**",
      text: "*x*",
      fields: [{ name: "`n`", value: "**v**" }],
      footer: "_f_",
    });
    expect(out).toBe("== T ==\nx\nn: v\n-- f");
  });
});

describe("attachments in the terminal", () => {
  const file = {
    filename: "coursebot-export-2026-03-02.json",
    contentType: "application/json",
    data: bytes('{"a":1}'),
    description: "Your data",
  };

  it("are saved under the folder (created on demand), a second one with a suffix", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "coursebot-att-")), "exports");
    const first = saveAttachment(dir, file);
    const second = saveAttachment(dir, { ...file, data: bytes('{"a":2}') });
    const third = saveAttachment(dir, file);
    expect([first, second, third]).toEqual(
      [
        "coursebot-export-2026-03-02.json",
        "coursebot-export-2026-03-02-1.json",
        "coursebot-export-2026-03-02-2.json",
      ].map((n) => join(dir, n)),
    );
    expect(readFileSync(first, "utf8")).toBe('{"a":1}');
    expect(readFileSync(second, "utf8")).toBe('{"a":2}');
  });

  it("cannot escape the folder through the file name", () => {
    const dir = mkdtempSync(join(tmpdir(), "coursebot-att-"));
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("..\\x y.png")).toBe("x-y.png");
    expect(safeFileName("..")).toBe("attachment");
    const path = saveAttachment(dir, { ...file, filename: "../evil.json" });
    expect(path).toBe(join(dir, "evil.json"));
    expect(readdirSync(dir)).toEqual(["evil.json"]);
  });

  it("the reply shows where each file went, or why it could not be saved", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "coursebot-att-")), "out");
    const reply = { text: "Here", attachments: [file] };
    const saved = saveAll(reply, dir);
    expect(renderReply(reply, { saved })).toBe(
      `Here\n[saved coursebot-export-2026-03-02.json to ${join(dir, file.filename)} (7 bytes — Your data)]`,
    );
    // A folder that cannot be created (a file is in the way): reported, not thrown.
    const blocked = join(dir, file.filename, "sub");
    const failed = saveAll(reply, blocked);
    expect(renderReply(reply, { saved: failed })).toMatch(
      /^Here\n\[attachment: coursebot-export-2026-03-02\.json, 7 bytes — Your data; could not save it: .+\]$/,
    );
    expect(existsSync(blocked)).toBe(false);
  });

  it("go under the data directory: the SQLite file's folder, else ./data", () => {
    expect(dataDir("file:./data/coursebot.db")).toBe(resolve("data"));
    expect(dataDir("file:/var/lib/coursebot/db.sqlite?mode=rw")).toBe("/var/lib/coursebot");
    expect(dataDir("postgresql://u@h/db")).toBe(resolve("data"));
  });
});
