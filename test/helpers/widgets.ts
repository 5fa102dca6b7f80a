// The widget each built-in question type asks for, for tests that build a QuestionView by hand
// (adapters render the widget, not the type name). Read from the registry, so it cannot drift.
import type { Question } from "../../src/core/content/schema";
import { moduleFor } from "../../src/core/question-types/registry";
import type { WidgetDescriptor } from "../../src/core/question-types/module";
import { loadContent } from "../../src/app/content-files";

let course: Question[] | undefined;

/** The widget of the first course question of `type` (built-in widgets do not vary per question). */
export function widgetOf(type: string): WidgetDescriptor {
  course ??= loadContent("content").course.questions;
  const q = course.find((x) => x.type === type);
  if (!q) throw new Error(`the course has no ${type} question`);
  return moduleFor(type).widget(q);
}
