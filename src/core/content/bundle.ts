// An uploaded course as content files: a zip of the course folder, or one YAML (or lesson
// Markdown) file that replaces or adds one file of the course being served. Pure: the caller
// brings the bytes (an adapter downloads them, the CLI reads them). Problems come back as content
// issues, in the same words as `content:check`, never as exceptions.
import { unzipSync } from "fflate";
import { CORE_SCHEMA, load } from "js-yaml";
import type { ContentFile, ContentIssue } from "./parse";

/** Larger uploads are refused before they are read (a course is well under 1 MB today). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** What a zip may unpack to, by its entries' declared sizes (a zip bomb stops here). */
export const MAX_UNZIPPED_BYTES = 40 * 1024 * 1024;
const MAX_FILES = 5000;

export type BundleResult = { files: ContentFile[] } | { issues: ContentIssue[] };

const issue = (file: string, message: string): { issues: ContentIssue[] } => ({
  issues: [{ file, field: "", message, severity: "error" }],
});

/** The files content is made of (the same filter as reading a folder: no README.md). */
export const isContentPath = (p: string) =>
  /\.(ya?ml|md)$/i.test(p) && !/(^|\/)README\.md$/i.test(p);

const baseName = (p: string) => p.split("/").pop() ?? p;

function utf8(file: string, data: Uint8Array): string | { issues: ContentIssue[] } {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data).replace(/^\uFEFF/, "");
  } catch {
    return issue(file, "not UTF-8 text");
  }
}

const isZip = (name: string, data: Uint8Array) =>
  /\.zip$/i.test(name) || (data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03);

/** Paths relative to the folder that holds course.yaml; files outside it are left out. */
export function relativeToCourse(files: ContentFile[], label: string): BundleResult {
  const roots = files
    .filter((f) => /(^|\/)course\.ya?ml$/.test(f.path))
    .map((f) => f.path.replace(/course\.ya?ml$/, ""))
    .sort((a, b) => a.length - b.length);
  if (!roots.length) return issue(label, "no course.yaml found (zip the course's folder)");
  const root = roots[0];
  return {
    files: files
      .filter((f) => f.path.startsWith(root) && isContentPath(f.path))
      .map((f) => ({ path: f.path.slice(root.length), text: f.text }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

function fromZip(name: string, data: Uint8Array): BundleResult {
  let total = 0;
  let count = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data, {
      filter: (f) => {
        if (f.name.endsWith("/") || /(^|\/)(__MACOSX|\.)/.test(f.name) || !isContentPath(f.name))
          return false;
        total += f.originalSize;
        count += 1;
        if (total > MAX_UNZIPPED_BYTES || count > MAX_FILES) throw new Error("too big");
        return true;
      },
    });
  } catch (e) {
    return (e as Error).message === "too big"
      ? issue(
          name,
          `unpacks to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB or ${MAX_FILES} files`,
        )
      : issue(name, "not a valid zip file");
  }
  const files: ContentFile[] = [];
  for (const [path, bytes] of Object.entries(entries)) {
    const text = utf8(`${name}/${path}`, bytes);
    if (typeof text !== "string") return text;
    files.push({ path: path.replace(/\\/g, "/"), text });
  }
  return relativeToCourse(files, name);
}

/** Where one uploaded file goes in the course: the file it replaces, or a new one by its kind. */
function placeOf(name: string, text: string, current: ContentFile[]): string | undefined {
  const same = current.filter((f) => baseName(f.path) === name);
  if (same.length === 1) return same[0].path;
  if (/^course\.ya?ml$/.test(name)) return name;
  if (/\.md$/i.test(name)) return `lessons/${name}`;
  // A list of items with prompts is a question file; a list of terms is a glossary file.
  const questions = /^\s*-?\s*prompt:|^\s+prompt:/m.test(text);
  const glossary = /^\s*-?\s*(term|definition):|^\s+(term|definition):/m.test(text);
  const byKind = questions ? "questions" : glossary ? "glossary" : undefined;
  if (!byKind) return undefined;
  const inFolder = same.find((f) => f.path.startsWith(`${byKind}/`));
  return inFolder?.path ?? `${byKind}/${name}`;
}

/**
 * The course an upload describes: a zip replaces the whole course; a single file replaces the
 * file of the same name in `current` (the files being served) or is added where its kind goes.
 */
export function filesFromUpload(
  filename: string,
  data: Uint8Array,
  current: ContentFile[],
): BundleResult {
  const name = baseName(filename.replace(/\\/g, "/")).slice(0, 200) || "upload";
  if (data.byteLength > MAX_UPLOAD_BYTES)
    return issue(name, `is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  if (isZip(name, data)) return fromZip(name, data);
  if (!isContentPath(name))
    return issue(name, "upload a .yaml or .yml file, a lesson .md file, or a .zip of the course");
  const text = utf8(name, data);
  if (typeof text !== "string") return text;
  const path = placeOf(name, text, current);
  if (!path)
    return issue(
      name,
      "cannot tell which course file this is: name it like the file it replaces, or upload a zip",
    );
  return {
    files: [...current.filter((f) => f.path !== path), { path, text }].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    ),
  };
}

/** True when two bundles hold the same files with the same text. */
export function sameFiles(a: ContentFile[], b: ContentFile[]): boolean {
  if (a.length !== b.length) return false;
  const m = new Map(a.map((f) => [f.path, f.text]));
  return b.every((f) => m.get(f.path) === f.text);
}

/** The id course.yaml (at the bundle's top) gives, if it can be read. */
export function courseIdIn(files: ContentFile[]): string | undefined {
  const yaml = files.find((f) => /^course\.ya?ml$/.test(f.path));
  try {
    const id = (load(yaml?.text ?? "", { schema: CORE_SCHEMA }) as { id?: unknown } | null)?.id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}
