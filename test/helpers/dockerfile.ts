// Reads the project's Dockerfile with dockerfile-ast (the parser behind VS Code's Docker support)
// into plain stages and steps, so tests can lint its shape and replay its commands without a
// container daemon. Only the instructions the Dockerfile uses are modelled.
import { readFileSync } from "node:fs";
import { DockerfileParser, type Instruction } from "dockerfile-ast";

export type Step =
  | { kind: "run"; command: string }
  | { kind: "copy"; from?: string; sources: string[]; dest: string }
  | { kind: "env"; vars: Record<string, string> }
  | { kind: "workdir"; dir: string }
  | { kind: "other"; keyword: string; args: string };

export interface Stage {
  name?: string;
  image: string;
  steps: Step[];
  user?: string;
  volumes: string[];
  expose: string[];
  /** Exec form only (a JSON array): shell form would put a shell between tini and the app. */
  entrypoint?: string[];
  cmd?: string[];
  healthcheck?: { flags: Record<string, string>; cmd?: string[] };
}

/** `["a", "b"]` → ["a", "b"]; undefined for shell form. */
function execForm(text: string): string[] | undefined {
  try {
    const v: unknown = JSON.parse(text.trim());
    return Array.isArray(v) && v.every((x) => typeof x === "string") ? v : undefined;
  } catch {
    return undefined;
  }
}

function argsText(i: Instruction): string {
  return i
    .getArguments()
    .map((a) => a.getValue())
    .join(" ");
}

export function parseDockerfile(path = "Dockerfile"): Stage[] {
  const text = readFileSync(path, "utf8");
  const file = DockerfileParser.parse(text);
  const stages: Stage[] = [];
  for (const i of file.getInstructions()) {
    const keyword = i.getKeyword();
    if (keyword === "FROM") {
      const args = i.getArguments().map((a) => a.getValue());
      const as = args.findIndex((a) => a.toUpperCase() === "AS");
      stages.push({
        image: args[0],
        name: as >= 0 ? args[as + 1] : undefined,
        steps: [],
        volumes: [],
        expose: [],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) continue; // ARG before the first FROM
    const raw = i.getArgumentsContent() ?? "";
    switch (keyword) {
      case "RUN":
        stage.steps.push({ kind: "run", command: raw.replace(/\\\n\s*/g, " ").trim() });
        break;
      case "COPY": {
        const args = i
          .getArguments()
          .map((a) => a.getValue())
          .filter((a) => !a.startsWith("--"));
        const from =
          (i as unknown as { getFromFlag(): { getValue(): string | null } | null })
            .getFromFlag()
            ?.getValue() ?? undefined;
        stage.steps.push({ kind: "copy", from, sources: args.slice(0, -1), dest: args.at(-1)! });
        break;
      }
      case "ENV": {
        const props = (
          i as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }
        ).getProperties();
        stage.steps.push({
          kind: "env",
          vars: Object.fromEntries(props.map((p) => [p.getName(), p.getValue() ?? ""])),
        });
        break;
      }
      case "WORKDIR":
        stage.steps.push({ kind: "workdir", dir: argsText(i) });
        break;
      case "USER":
        stage.user = argsText(i);
        break;
      case "VOLUME":
        stage.volumes.push(...(execForm(raw) ?? raw.split(/\s+/)));
        break;
      case "EXPOSE":
        stage.expose.push(...raw.split(/\s+/));
        break;
      case "ENTRYPOINT":
        stage.entrypoint = execForm(raw);
        break;
      case "CMD":
        stage.cmd = execForm(raw);
        break;
      case "HEALTHCHECK": {
        const flags = (
          i as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }
        ).getFlags();
        const cmdAt = raw.search(/\bCMD\b/);
        stage.healthcheck = {
          flags: Object.fromEntries(flags.map((f) => [f.getName(), f.getValue() ?? ""])),
          cmd: cmdAt >= 0 ? execForm(raw.slice(cmdAt + 3)) : undefined,
        };
        break;
      }
      default:
        stage.steps.push({ kind: "other", keyword, args: raw });
    }
  }
  return stages;
}

/** The ENV a stage's process starts with (later ENV lines win). */
export function stageEnv(stage: Stage): Record<string, string> {
  return Object.assign({}, ...stage.steps.filter((s) => s.kind === "env").map((s) => s.vars));
}
