// loadEnvFile's rules, one by one: the file fills what the environment leaves unset or empty,
// never overrides a set variable, reads quotes and comments like Node's --env-file, and a
// missing file is not an error.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEnvFile } from "../../src/env-file";

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "coursebot-envfile-")), ".env");
  writeFileSync(path, text);
  return path;
}

describe("loadEnvFile", () => {
  it("fills unset and empty variables, keeps set ones, and says which it set", () => {
    const env: NodeJS.ProcessEnv = { KEEP: "from-environment", EMPTY: "", BLANK: "  " };
    const path = file(
      "# a comment\nKEEP=from-file\nEMPTY=file-fills-empty\nBLANK=file-fills-blank\nNEW=\"quoted value\" # trailing comment\nSINGLE='x y'\n",
    );
    const set = loadEnvFile(path, env);
    expect(env).toEqual({
      KEEP: "from-environment",
      EMPTY: "file-fills-empty",
      BLANK: "file-fills-blank",
      NEW: "quoted value",
      SINGLE: "x y",
    });
    expect(set.sort()).toEqual(["BLANK", "EMPTY", "NEW", "SINGLE"]);
  });

  it("a missing file changes nothing", () => {
    const env: NodeJS.ProcessEnv = { A: "1" };
    expect(loadEnvFile(join(tmpdir(), "no-such-dir-coursebot", ".env"), env)).toEqual([]);
    expect(env).toEqual({ A: "1" });
  });
});
