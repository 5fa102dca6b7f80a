// Tutor commands for the operator CLI: `retrieve` (ranked passages), `ask` (an answer through
// the same path as /ask, as the console learner) and `report llm` (LLM usage and cost per day).
import { CONSOLE } from "../adapters/console/identity";
import { identityFields } from "../adapters/platform/contract";
import { costUsd } from "../core/analytics/llm-cost";
import { userInfo } from "node:os";
import { renderReply } from "../adapters/console/render";
import { createApp } from "../app/app";
import { loadCatalogue } from "../app/content-files";
import { createLogger } from "../app/logger";
import { type Retrieved, Retriever } from "../core/tutor/retriever";
import { loadConfig, secretValues, type Config } from "../config";
import type { UsageDay } from "../core/ports/tutor";

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function positional(args: string[], valued: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (valued.includes(args[i])) {
      i++;
      continue;
    }
    if (args[i].startsWith("--")) continue;
    out.push(args[i]);
  }
  return out.join(" ").trim();
}

const quietLogger = (c: Config) =>
  createLogger({ level: c.LOG_LEVEL ?? "warn", secrets: secretValues(c) });

/**
 * `retrieve "<question>" [--json] [--k 5] [--course <id>]`: BM25 (or hybrid, with embeddings
 * configured) over one course's notes (default: DEFAULT_COURSE).
 */
export async function retrieveCommand(args: string[]): Promise<number> {
  const query = positional(args, ["--k", "--course"]);
  const k = Number(flag(args, "--k") ?? 5);
  if (!query) {
    console.error('usage: retrieve "<question>" [--json] [--k 5] [--course <id>]');
    return 2;
  }
  if (!Number.isInteger(k) || k < 1 || k > 50) {
    console.error("--k must be a whole number from 1 to 50");
    return 2;
  }
  const config = loadConfig();
  const catalogue = loadCatalogue(config.CONTENT_DIR, config.DEFAULT_COURSE);
  const courseId = flag(args, "--course") ?? catalogue.defaultId;
  const index = catalogue.get(courseId);
  if (!index) {
    console.error(catalogue.unknown(courseId));
    return 2;
  }
  let results: Retrieved[];
  if (config.OPENAI_EMBEDDING_MODEL && (config.OPENAI_API_KEY || config.OPENAI_BASE_URL)) {
    const app = await createApp(config, quietLogger(config));
    try {
      results = await app.services.tutorFor!(courseId)!.retrieve(query, { k });
    } finally {
      await app.close();
    }
  } else {
    results = new Retriever(index).retrieve(query, { k });
  }
  const rows = results.map((r) => ({
    id: r.sectionKey ?? r.id,
    passage: r.id,
    kind: r.kind,
    title: r.title,
    score: Number(r.score.toFixed(3)),
    text: r.text,
  }));
  if (args.includes("--json")) console.log(JSON.stringify(rows, null, 2));
  else
    for (const r of rows)
      console.log(
        `${r.score.toFixed(2).padStart(8)}  ${r.id}  ${r.title.en} / ${r.title.zh}${r.kind === "section" ? "" : ` [${r.kind}]`}`,
      );
  return 0;
}

/** `ask "<question>"`: the tutor's answer, as the console learner (CONSOLE_USER or the OS user). */
export async function askCommand(args: string[]): Promise<number> {
  const question = positional(args, []);
  if (!question) {
    console.error('usage: ask "<question>"');
    return 2;
  }
  const config = loadConfig();
  const app = await createApp(config, quietLogger(config));
  try {
    const user =
      config.CONSOLE_USER ??
      (() => {
        try {
          return userInfo().username;
        } catch {
          return "learner";
        }
      })();
    const replies = await app.bot.handleCommand(
      {
        ...identityFields(CONSOLE),
        workspaceId: "local",
        userId: user,
        displayName: user,
        isDirectMessage: true,
      },
      "ask",
      { question },
      undefined,
      {
        onProgress: (p) => {
          process.stderr.write(`\r… ${p.text.length} chars`);
        },
      },
    );
    process.stderr.write("\r");
    for (const r of replies) console.log(renderReply(r));
    return replies.some((r) => r.tone === "error") ? 1 : 0;
  } finally {
    await app.close();
  }
}

export function costOf(
  d: Pick<UsageDay, "tokensIn" | "tokensOut">,
  c: Pick<Config, "LLM_PRICE_INPUT_PER_MTOK" | "LLM_PRICE_OUTPUT_PER_MTOK">,
): number {
  return costUsd(d, {
    inputPerMTok: c.LLM_PRICE_INPUT_PER_MTOK,
    outputPerMTok: c.LLM_PRICE_OUTPUT_PER_MTOK,
  });
}

/** `report llm [--since YYYY-MM-DD] [--json]`: requests, tokens and estimated cost per day and model. */
export async function reportLlmCommand(args: string[]): Promise<number> {
  const sinceText = flag(args, "--since");
  const since = sinceText
    ? new Date(`${sinceText}T00:00:00Z`)
    : new Date(Date.now() - 30 * 86_400_000);
  if (Number.isNaN(since.getTime()) || (sinceText && !/^\d{4}-\d{2}-\d{2}$/.test(sinceText))) {
    console.error("--since must be a date like 2026-03-01");
    return 2;
  }
  const config = loadConfig();
  const app = await createApp(config, quietLogger(config));
  try {
    const days = (await app.services.store.tutor.usageByDay(since)).filter((d) => d.model !== "-");
    const rows = days.map((d) => ({ ...d, costUsd: Number(costOf(d, config).toFixed(6)) }));
    if (args.includes("--json")) {
      console.log(JSON.stringify(rows, null, 2));
      return 0;
    }
    console.log(
      `LLM usage since ${since.toISOString().slice(0, 10)} (prices per 1M tokens: in $${config.LLM_PRICE_INPUT_PER_MTOK}, out $${config.LLM_PRICE_OUTPUT_PER_MTOK})`,
    );
    console.log(
      ["day", "model", "requests", "failed", "tokens in", "tokens out", "cost USD"].join("\t"),
    );
    for (const r of rows)
      console.log(
        [
          r.day,
          r.model,
          r.requests,
          r.failures,
          r.tokensIn,
          r.tokensOut,
          r.costUsd.toFixed(4),
        ].join("\t"),
      );
    const total = rows.reduce((n, r) => n + r.costUsd, 0);
    console.log(
      `total\t\t${rows.reduce((n, r) => n + r.requests, 0)}\t\t${rows.reduce((n, r) => n + r.tokensIn, 0)}\t${rows.reduce((n, r) => n + r.tokensOut, 0)}\t${total.toFixed(4)}`,
    );
    return 0;
  } finally {
    await app.close();
  }
}
