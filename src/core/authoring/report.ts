// The words for a preview: what an upload changes, in the instructor's language. Lists are cut
// at a screenful with "… and N more" (chat messages have limits; the CLI prints everything).
import type { ContentIssue } from "../content/parse";
import { formatIssue } from "../content/parse";
import type { Preview } from "./preview";
import type { RegradeResult } from "./regrade";

type T = (zh: string, en: string) => string;
type Ok = Extract<Preview, { ok: true }>;

function clip(lines: string[], max: number, t: T): string[] {
  if (lines.length <= max) return lines;
  const more = lines.length - max;
  return [...lines.slice(0, max), t(`……另有 ${more} 项`, `… and ${more} more`)];
}

const learners = (n: number, t: T) => t(`${n} 位学习者`, `${n} learner${n === 1 ? "" : "s"}`);

/** One block per kind of change; empty kinds are left out. */
export function changeSections(
  p: Ok,
  t: T,
  max = Number.POSITIVE_INFINITY,
): { name: string; lines: string[] }[] {
  const { diff, cards, answered } = p;
  const cardNote = (id: string) => {
    const n = cards.get(id) ?? 0;
    return n ? t(`，涉及 ${learners(n, t)}的复习卡`, ` — review cards of ${learners(n, t)}`) : "";
  };
  const out: { name: string; lines: string[] }[] = [];
  if (diff.added.length)
    out.push({
      name: t(`新增题目（${diff.added.length}）`, `Added questions (${diff.added.length})`),
      lines: clip(diff.added, max, t),
    });
  if (diff.changed.length)
    out.push({
      name: t(`修改的题目（${diff.changed.length}）`, `Changed questions (${diff.changed.length})`),
      lines: clip(
        diff.changed.map((c) => {
          const key = c.answerKey
            ? t(
                `；答案已改，${learners(answered.get(c.id) ?? 0, t)}答过`,
                `; answer key changed, answered by ${learners(answered.get(c.id) ?? 0, t)}`,
              )
            : "";
          return `${c.id}${cardNote(c.id)}${key}`;
        }),
        max,
        t,
      ),
    });
  if (diff.removed.length)
    out.push({
      name: t(`移除的题目（${diff.removed.length}）`, `Removed questions (${diff.removed.length})`),
      lines: clip(
        diff.removed.map((id) => `${id}${cardNote(id)}`),
        max,
        t,
      ),
    });
  const other = [
    ...(diff.lessonsChanged.length
      ? [
          t(
            `课程内容有改动：${diff.lessonsChanged.join("、")}`,
            `Lessons changed: ${diff.lessonsChanged.join(", ")}`,
          ),
        ]
      : []),
    ...(diff.glossaryChanged
      ? [
          t(
            `术语表改动 ${diff.glossaryChanged} 条`,
            `Glossary terms changed: ${diff.glossaryChanged}`,
          ),
        ]
      : []),
    ...(diff.courseChanged
      ? [t("课程标题或简介有改动", "Course title or description changed")]
      : []),
  ];
  if (other.length) out.push({ name: t("其他改动", "Other changes"), lines: other });
  return out;
}

export function issueLines(issues: ContentIssue[], max: number, t: T): string[] {
  return clip(issues.map(formatIssue), max, t);
}

export function regradeText(r: RegradeResult, t: T): string {
  return t(
    `已重新评分：${r.answers} 条作答的结果改变，涉及 ${learners(r.learners, t)}${r.skipped ? `（${r.skipped} 条因题型改变未重评）` : ""}。`,
    `Regraded: ${r.answers} answer${r.answers === 1 ? "" : "s"} changed, for ${learners(r.learners, t)}${r.skipped ? ` (${r.skipped} left as they were: the question type changed)` : ""}.`,
  );
}
