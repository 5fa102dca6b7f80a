// @ts-check
// `npm start`: runs the compiled app (dist/main.js), first rebuilding dist/ when it is missing or
// older than any source (scripts/build.mjs: esbuild, about a second), so a fresh clone, a pull or
// an edit never runs stale code. When the build fails (a read-only folder, say) it runs src/main.ts
// through tsx instead. Either way the app runs in this very process, so signals reach it
// directly. Containers skip this launcher: they build once and run `node dist/main.js`.
import module from "node:module";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { build, DIST, ROOT, staleReason } from "./build.mjs";

// Node 22.1+: V8's code cache for every module loaded from here on (in the OS temp folder), so a
// second start compiles less. Absent on Node 20, where this is a no-op.
/** @type {{ enableCompileCache?: () => unknown }} */ (module).enableCompileCache?.();

async function compiled() {
  const reason = staleReason();
  if (!reason) return true;
  try {
    await build({ quiet: true });
    return true;
  } catch (e) {
    console.error(
      `could not build dist/ (${reason}): ${e instanceof Error ? e.message : String(e)}; running the sources through tsx`,
    );
    return false;
  }
}

if (await compiled()) {
  await import(pathToFileURL(join(DIST, "main.js")).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(ROOT, "src", "main.ts")).href);
}
