// Block Kit widgets for a QuestionView. The core describes the input it wants (a widget
// descriptor); this file picks the widgets: buttons for a single choice, a multi-select for a
// multiple choice, one select per position (order) or per left item (pairs), and a button that
// opens a modal for typed text (and as a typed fallback). Selects only record a choice; the
// Submit button sends all of them, read back from the message's state.
import type { QuestionView } from "../../core/reply";
import type { Locale } from "../../core/i18n";
import { safeMrkdwn, safePlain, truncate } from "./mrkdwn";

/** Block ids of the question message start with this, so actions know what they were pressed on. */
export const QUESTION_BLOCK = "cbq";
/** Picks and selects: acknowledged, not sent to the core until Submit. */
export const PICK_ACTION = "slack.pick";
/** Opens the typed-answer modal; the button's value is the core's answer action. */
export const TYPE_ACTION = "slack.type";
/** Adapter suffix making action ids unique within one message; stripped before the core sees them. */
export const SUFFIX = "#";

type Block = Record<string, unknown>;
const plain = (text: string, max = 75) => ({
  type: "plain_text",
  text: safePlain(text, max),
  emoji: true,
});
const option = (label: string, value: string) => ({
  text: plain(label),
  value: value.slice(0, 150),
});

export function questionBlocks(q: QuestionView, locale: Locale): Block[] {
  const zh = locale === "zh";
  const blocks: Block[] = [];
  const list = q.options.map((o) => o.label);
  if (q.right?.length) list.push("", ...q.right.map((o) => o.label));
  // Slack rejects an empty section and one over 3,000 characters.
  const listText = truncate(safeMrkdwn(list.join("\n")), 3000);
  if (listText.trim())
    blocks.push({ type: "section", text: { type: "mrkdwn", text: listText, verbatim: true } });

  const submit = {
    type: "button",
    action_id: `${q.answerAction + SUFFIX}submit`,
    text: plain(zh ? "提交" : "Submit"),
    style: "primary",
    value: "submit",
  };
  const typeIt = (label: string) => ({
    type: "button",
    action_id: TYPE_ACTION,
    text: plain(label),
    value: q.answerAction,
  });

  // The core describes the input (question-types/module.ts WidgetDescriptor); this picks blocks.
  const w = q.widget;
  if (w.kind === "text")
    blocks.push({
      type: "actions",
      block_id: `${QUESTION_BLOCK}.answer`,
      elements: [{ ...typeIt(zh ? "输入答案" : "Enter answer"), style: "primary" }],
    });
  else if (w.kind === "choice" && !w.multi)
    blocks.push({
      type: "actions",
      block_id: `${QUESTION_BLOCK}.answer`,
      elements: q.options.slice(0, 25).map((o, i) => ({
        type: "button",
        action_id: `${q.answerAction}${SUFFIX}${i}`,
        text: plain(o.label),
        value: o.id.slice(0, 2000),
      })),
    });
  else if (w.kind === "choice") {
    blocks.push({
      type: "section",
      block_id: `${QUESTION_BLOCK}.pick.0`,
      text: { type: "mrkdwn", text: zh ? "选出所有正确选项：" : "Pick every right option:" },
      accessory: {
        type: "multi_static_select",
        action_id: `${PICK_ACTION}${SUFFIX}0`,
        placeholder: plain(zh ? "选择…" : "Choose…"),
        options: q.options.slice(0, 100).map((o) => option(o.label, o.id)),
      },
    });
    blocks.push({ type: "actions", block_id: `${QUESTION_BLOCK}.submit`, elements: [submit] });
  } else {
    // One select per slot: a position (order) or a left-hand item (pairs). A new widget kind
    // fails to compile here until it is rendered.
    const slotKind: "order" | "pairs" = w.kind;
    const slots =
      slotKind === "order"
        ? q.options.slice(0, 40).map((_, i) => ({
            text: { type: "mrkdwn", text: zh ? `第 ${i + 1} 位` : `Position ${i + 1}` },
            placeholder: zh ? "选择…" : "Choose…",
            options: q.options.slice(0, 100).map((o) => option(o.label, o.id)),
          }))
        : q.options.slice(0, 40).map((left) => ({
            text: {
              type: "mrkdwn",
              text: truncate(safeMrkdwn(left.label), 3000).trim() || "…",
              verbatim: true,
            },
            placeholder: zh ? "配对…" : "Match with…",
            options: (q.right ?? [])
              .slice(0, 100)
              .map((r) => option(r.label, `${left.id}=${r.id}`)),
          }));
    slots.forEach((slot, i) =>
      blocks.push({
        type: "section",
        block_id: `${QUESTION_BLOCK}.pick.${i}`,
        text: slot.text,
        accessory: {
          type: "static_select",
          action_id: `${PICK_ACTION}${SUFFIX}${i}`,
          placeholder: plain(slot.placeholder),
          options: slot.options,
        },
      }),
    );
    blocks.push({
      type: "actions",
      block_id: `${QUESTION_BLOCK}.submit`,
      elements: [submit, typeIt(zh ? "改为输入" : "Type it instead")],
    });
  }
  return blocks;
}

/** Reads the selected values of a question message's picks, in block order. */
export function picksFromState(
  state: { values?: Record<string, Record<string, unknown>> } | undefined,
): string[] {
  const values: string[] = [];
  const entries = Object.entries(state?.values ?? {})
    .filter(([id]) => id.startsWith(`${QUESTION_BLOCK}.pick.`))
    .sort(([a], [b]) => Number(a.split(".").pop()) - Number(b.split(".").pop()));
  for (const [, elements] of entries) {
    for (const el of Object.values(elements) as {
      selected_option?: { value: string } | null;
      selected_options?: { value: string }[];
    }[]) {
      if (el.selected_option) values.push(el.selected_option.value);
      for (const o of el.selected_options ?? []) values.push(o.value);
    }
  }
  return values;
}
