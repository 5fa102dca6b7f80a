// Prints one plain closing line, "N passed, N failed, N skipped", that CI reads. A test that did
// not run because its suite's setup failed (a beforeAll hook: PostgreSQL down) counts as failed,
// not skipped, and so does a file that failed to load: the line agrees with the exit code.
import type { Reporter, TestCase, TestModule } from "vitest/node";

/** True when the suite or file around the test failed by itself (a hook, a load error). */
function setupFailed(t: TestCase): boolean {
  for (
    let p: TestCase["parent"] | undefined = t.parent;
    p;
    p = p.type === "suite" ? p.parent : undefined
  ) {
    if (p.state() === "failed" && p.errors().length > 0) return true;
  }
  return false;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0,
      failed = 0,
      skipped = 0;
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === "passed") passed++;
        else if (s === "failed" || setupFailed(t)) failed++;
        else skipped++;
      }
      if (m.state() === "failed" && ![...m.children.allTests()].length) failed++;
    }
    process.stdout.write(
      `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`,
    );
  }
}
