// Shared by the scenario drivers: the fixture course (one lesson, one question of every type,
// copied from content/ so it is real, linted course material), the question type as the test
// sees it (read from the YAML, not from core types, so refactors of the core do not touch it),
// and how a learner reads a shown question: its labelled options and the answer to type.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yaml from "js-yaml";
import { QUESTION_TYPES } from "../../../src/core/question-types/registry";

/** Every question type the core knows: the scenario must show each one. */
export { QUESTION_TYPES };

type Text = { zh: string; en: string };

/** A question as written in content/questions/*.yaml (only the fields the scenario needs). */
export type FixtureQuestion = { id: string; prompt: Text; hints: Text[] } & (
  | { type: "single"; choices: { id: string; text: Text }[]; answer: string }
  | { type: "multiple"; choices: { id: string; text: Text }[]; answer: string[] }
  | { type: "true-false"; answer: boolean }
  | { type: "numeric"; answer: { value: number; unit?: string } }
  | { type: "ordering"; items: { id: string; text: Text }[]; answer: string[] }
  | {
      type: "matching";
      left: { id: string; text: Text }[];
      right: { id: string; text: Text }[];
      answer: Record<string, string>;
    }
);

const LESSON = "l02-parameters";

export interface FixtureCourse {
  dir: string;
  lessonTitle: string;
  questions: FixtureQuestion[];
  remove(): void;
}

/** Lesson 2 of the real course with the first question of each type (so a 6-question quiz
 *  shows every type exactly once). */
/** The shipped course the fixture is cut from (one folder per course under content/). */
const COURSE = "content/llm-basics";

export function fixtureCourse(): FixtureCourse {
  const dir = mkdtempSync(join(tmpdir(), "coursebot-scenario-"));
  for (const d of ["lessons", "questions", "glossary"]) mkdirSync(join(dir, d));
  cpSync(join(COURSE, "course.yaml"), join(dir, "course.yaml"));
  for (const d of ["lessons", "glossary"]) {
    const file = `${LESSON}.${d === "lessons" ? "md" : "yaml"}`;
    cpSync(join(COURSE, d, file), join(dir, d, file));
  }
  const all = yaml.load(
    readFileSync(join(COURSE, "questions", `${LESSON}.yaml`), "utf8"),
  ) as FixtureQuestion[];
  const questions = QUESTION_TYPES.map((t) => {
    const q = all.find((x) => x.type === t);
    if (!q) throw new Error(`${LESSON} has no ${t} question for the scenario`);
    return q;
  });
  writeFileSync(join(dir, "questions", `${LESSON}.yaml`), yaml.dump(questions));
  const front = readFileSync(join(COURSE, "lessons", `${LESSON}.md`), "utf8");
  const lessonTitle = /title:\s*\n\s*zh:.*\n\s*en:\s*(.+)/.exec(front)?.[1].trim() ?? LESSON;
  return { dir, lessonTitle, questions, remove: () => rmSync(dir, { recursive: true }) };
}

/** A question's domain answer (what content/ says is right), or a clearly wrong one. */
export type AnswerValue = FixtureQuestion["answer"];

export function wrongAnswer(q: FixtureQuestion): AnswerValue {
  switch (q.type) {
    case "single":
      return q.choices.find((c) => c.id !== q.answer)!.id;
    case "multiple":
      return [q.choices.find((c) => !q.answer.includes(c.id))!.id];
    case "true-false":
      return !q.answer;
    case "numeric":
      return { value: q.answer.value * 1000 + 7, unit: q.answer.unit };
    case "ordering":
      return [...q.answer].reverse();
    case "matching": {
      const pairs = Object.entries(q.answer);
      return Object.fromEntries(pairs.map(([l], i) => [l, pairs[(i + 1) % pairs.length][1]]));
    }
  }
}

/** Markup and escapes differ per platform (Markdown, mrkdwn, terminal); compare plain words. */
export const plain = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/[*_`~\\]/g, "")
    .replace(/\s+/g, " ")
    .trim();

/** Whether the shown text contains this (en) text, ignoring markup. */
export const shows = (shown: string, text: string) => plain(shown).includes(plain(text));

/** The shown question this text belongs to (by its prompt). */
export function whichQuestion(questions: FixtureQuestion[], shown: string): FixtureQuestion {
  const q = questions.find((x) => shows(shown, x.prompt.en));
  if (!q) throw new Error(`no fixture question is shown in: ${shown.slice(0, 300)}`);
  return q;
}

/** A labelled option as shown: "C. billion (10⁹)" → key "C", text "billion (10⁹)". */
export interface Labelled {
  key: string;
  text: string;
}

export function parseLabel(label: string): Labelled | undefined {
  const m = /^\s*([A-Z]|\d+)\.\s+(.*)$/.exec(label);
  return m ? { key: m[1], text: plain(m[2]) } : undefined;
}

/** Every labelled line of a shown text, in order. */
export const labelledLines = (text: string): Labelled[] =>
  text.split("\n").flatMap((l) => parseLabel(l) ?? []);

/** The key of the shown option with this text (a label cut short with "…" matches its start). */
export function keyOf(shown: Labelled[], text: string, kind: "letter" | "number"): string {
  const want = plain(text);
  const found = shown.find(
    (o) =>
      (kind === "letter" ? /^[A-Z]$/ : /^\d+$/).test(o.key) &&
      (o.text === want || (o.text.endsWith("…") && want.startsWith(o.text.slice(0, -1)))),
  );
  if (!found) throw new Error(`"${text}" is not among the shown options`);
  return found.key;
}

const byId = (list: { id: string; text: Text }[], id: string) =>
  list.find((x) => x.id === id)!.text.en;

/** The option texts a value picks, in order (ordering: by position; matching: left → right). */
export function pickedTexts(q: FixtureQuestion, value: AnswerValue): string[] {
  switch (q.type) {
    case "single":
      return [byId(q.choices, value as string)];
    case "multiple":
      return (value as string[]).map((id) => byId(q.choices, id));
    case "true-false":
      return [value ? "True" : "False"];
    case "ordering":
      return (value as string[]).map((id) => byId(q.items, id));
    case "matching":
      return Object.values(value as Record<string, string>).map((id) => byId(q.right, id));
    case "numeric":
      return [];
  }
}

/** Matching: the right-hand text a value pairs with the shown left-hand label ("1. M"). */
export function matchFor(q: FixtureQuestion, value: AnswerValue, leftLabel: string): string {
  if (q.type !== "matching") throw new Error("not a matching question");
  const shown = parseLabel(leftLabel)?.text ?? plain(leftLabel);
  const left = q.left.find((l) => plain(l.text.en) === shown);
  if (!left) throw new Error(`"${leftLabel}" is not a left-hand item`);
  return byId(q.right, (value as Record<string, string>)[left.id]);
}

/** What a learner types for this value, reading the keys off the shown options, as the
 *  terminal and the "type your answer" forms take it ("C", "A C", "3 1 2 4", "1-D 2-A"). */
export function typedAnswer(q: FixtureQuestion, value: AnswerValue, shown: Labelled[]): string {
  switch (q.type) {
    case "numeric": {
      const v = value as { value: number; unit?: string };
      return `${v.value}${v.unit ?? ""}`;
    }
    case "true-false":
      return String(value);
    case "matching":
      return Object.entries(value as Record<string, string>)
        .map(
          ([l, r]) =>
            `${keyOf(shown, byId(q.left, l), "number")}-${keyOf(shown, byId(q.right, r), "letter")}`,
        )
        .join(" ");
    default:
      return pickedTexts(q, value)
        .map((t) => keyOf(shown, t, q.type === "ordering" ? "number" : "letter"))
        .join(" ");
  }
}

/** Resolves after every pending promise callback and I/O turn (fake servers answer on it). */
export const turn = () => new Promise((r) => setTimeout(r, 0));
