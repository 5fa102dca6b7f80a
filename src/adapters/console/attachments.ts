// Files the bot sends (the /export JSON, the /progress chart) saved where the terminal user can
// open them: under the data directory's exports folder. An existing file is never overwritten:
// the new one gets a numbered suffix (name-1.json, name-2.json, …).
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, extname, isAbsolute, join, relative } from "node:path";
import type { Attachment } from "../../core/reply";

/** A file name safe on every OS: no directories, no control or reserved characters. */
export function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, "/"))
    .replace(/[^\w.-]+/g, "-")
    .replace(/^[.-]+/, "");
  return base.slice(0, 120) || "attachment";
}

/** Writes the attachment into `dir` (created if missing) and returns the path written. */
export function saveAttachment(dir: string, a: Attachment): string {
  mkdirSync(dir, { recursive: true });
  const name = safeFileName(a.filename);
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 0; n < 10_000; n++) {
    const path = join(dir, n === 0 ? name : `${stem}-${n}${ext}`);
    try {
      // "wx" fails if the file exists, so two savers never overwrite each other either.
      writeFileSync(path, a.data, { flag: "wx" });
      return path;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  throw new Error(`too many files named ${name} in ${dir}`);
}

/** The path as the user would type it: relative to the working directory when inside it. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
