// /glossary: the list fits one Discord embed and Slack's fields, a term is found by id, either
// name or an alias whatever the case, unknown terms get close matches, autocomplete suggests
// terms, and a quiz verdict names the question's glossary terms.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildCommands } from "../../src/core/commands/registry";
import { suggest } from "../../src/core/commands/suggest";
import { closeTerms, findTerm, termLessons } from "../../src/core/content/glossary";
import type { Reply } from "../../src/core/reply";
import { termsLine, TERMS_LINE_CHARS } from "../../src/core/quiz/render";
import { actor, createTestApp, type TestApp } from "../helpers/app";
import { answerQuestions, singleChoice } from "../helpers/learning";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp("sqlite");
});
afterEach(async () => {
  await app.close();
});

const me = actor("u1");
const zhUser = actor("u2");
const one = async (line: string, who = me): Promise<Reply> =>
  (await app.bot.handleText(who, line))[0];
const embedChars = (r: Reply) =>
  (r.title ?? "").length +
  r.text.length +
  (r.footer ?? "").length +
  (r.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

describe("/glossary with no term", () => {
  it("is declared once in the core list (so Discord, Slack and /help get it) with topic-style autocomplete", async () => {
    const cmd = buildCommands().filter((c) => c.name === "glossary");
    expect(cmd).toHaveLength(1);
    expect(cmd[0].options?.[0]).toMatchObject({ name: "term", autocomplete: "glossary" });
    expect(cmd[0].options?.[0].required).toBeFalsy();
    expect((await one("/help")).text).toContain("/glossary [term]");
  });

  it("lists every term, grouped by lesson, within Discord's embed and Slack's field limits", async () => {
    const r = await one("/glossary");
    const terms = app.services.index.course.glossary;
    expect(terms.length).toBeGreaterThanOrEqual(40);
    expect(r.title).toBe(`Glossary (${terms.length} terms)`);
    expect(r.fields!.length).toBeLessThanOrEqual(25);
    for (const f of r.fields!) {
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeLessThanOrEqual(1024);
    }
    expect(embedChars(r)).toBeLessThan(6000);
    // Every term appears in full (nothing was cut for this course), in its lesson's field.
    const all = r.fields!.map((f) => f.value).join("\n");
    for (const t of terms) expect(all).toContain(t.term.en);
    const lesson2 = r.fields!.find((f) => f.name === "2. Parameters and units")!;
    expect(lesson2.value).toContain("parameter 参数");
    expect(r.private).toBe(true);
  });

  it("lists in Chinese for a Chinese learner", async () => {
    await app.bot.handleText(zhUser, "/settings language zh");
    const r = await one("/glossary", zhUser);
    expect(r.title).toMatch(/^术语表（\d+ 个术语）$/);
    expect(r.fields!.map((f) => f.value).join("\n")).toContain("参数 parameter");
  });
});

describe("/glossary <term>", () => {
  it("finds a term by id, either name or an alias, ignoring case and width", () => {
    const index = app.services.index;
    expect(findTerm(index, "fp16")?.id).toBe("fp16");
    expect(findTerm(index, "FLOAT16")?.id).toBe("fp16");
    expect(findTerm(index, "半精度浮点（fp16）")?.id).toBe("fp16");
    expect(findTerm(index, "Half Precision")?.id).toBe("fp16");
    expect(findTerm(index, "参数")?.id).toBe("parameter");
    expect(findTerm(index, "  Parameter ")?.id).toBe("parameter");
    expect(findTerm(index, "ｂｆ１６")?.id).toBe("bf16");
    expect(findTerm(index, "nothing like it")).toBeUndefined();
  });

  it("shows both languages' definitions and the lessons that use the term", async () => {
    const r = await one("/glossary Parameter");
    const p = app.services.index.glossary.get("parameter")!;
    expect(r.title).toBe("parameter · 参数");
    expect(r.text).toContain(p.definition.en);
    expect(r.text).toContain(p.definition.zh);
    const lessons = termLessons(app.services.index, "parameter");
    // Defined in lesson 2 and used by questions of lesson 1 too.
    expect(lessons.map((l) => l.id)).toEqual(["l01-generative-ai", "l02-parameters"]);
    const field = r.fields!.find((f) => f.name === "Lessons")!;
    expect(field.value).toBe("1. Generative AI and large models\n2. Parameters and units");
  });

  it("a multi-word term needs no quotes, and aliases are listed", async () => {
    const r = await one("/glossary half precision");
    expect(r.title).toBe("fp16 (half precision) · 半精度浮点（fp16）");
    expect(r.fields!.find((f) => f.name === "Also called")!.value).toBe("float16, half");
  });

  it("a related term that is not a synonym is shown under See also, and does not find the entry", async () => {
    const index = app.services.index;
    // "ChatGLM" is related to GLM but is not GLM (ChatGLM2/3 are decoder-only), so it is no alias.
    expect(findTerm(index, "ChatGLM")).toBeUndefined();
    expect(findTerm(index, "GQA")?.id).toBe("grouped-query-attention");
    expect(findTerm(index, "MQA")?.id).toBe("multi-query-attention");
    const r = await one("/glossary MQA");
    // A see-also that is a glossary id shows that term and how to look it up; a plain name as is.
    expect(r.fields!.find((f) => f.name === "See also")!.value).toBe(
      "grouped-query attention (GQA) 分组查询注意力（GQA） (/glossary grouped-query-attention); multi-head attention 多头注意力 (/glossary multi-head-attention); KV cache KV 缓存 (/glossary kv-cache)",
    );
    await app.bot.handleText(zhUser, "/settings language zh");
    expect((await one("/glossary glm", zhUser)).fields!.find((f) => f.name === "另见")!.value).toBe(
      "ChatGLM",
    );
  });

  it("an unknown term is a plain-words error with close matches", async () => {
    const r = await one("/glossary paramter");
    expect(r.tone).toBe("warning"); // how every UserError is shown
    expect(r.text).toContain('"paramter" is not in the glossary. Did you mean: parameter');
    expect((await one("/glossary bfloat")).text).toMatch(
      /Did you mean: BF16 \(bfloat16\) \(bf16\)/,
    );
    expect(r.text).toContain("Type /glossary to see every term.");
    expect(closeTerms(app.services.index, "quantisation").map((e) => e.id)).toContain(
      "quantization",
    );
    const none = await one("/glossary zzzzqqq");
    expect(none.text).toBe('"zzzzqqq" is not in the glossary. Type /glossary to see every term.');
  });

  it("autocomplete suggests terms by prefix in either language, values being ids", () => {
    const index = app.services.index;
    const hits = suggest(index, "glossary", "para", "en");
    expect(hits[0]).toEqual({ name: "parameter · 参数", value: "parameter" });
    expect(suggest(index, "glossary", "参数", "zh")[0]).toEqual({
      name: "参数 · parameter",
      value: "parameter",
    });
    expect(suggest(index, "glossary", "", "en")).toHaveLength(25);
  });
});

describe("quiz verdicts link the question's glossary terms", () => {
  it("adds a Terms line naming each term in both languages", async () => {
    const q = singleChoice(app).find((x) => x.glossary?.includes("parameter"))!;
    const [verdict] = await answerQuestions(app, me, [q], [true]);
    const terms = q.glossary!.map((id) => app.services.index.glossary.get(id)!);
    const line = verdict.text.split("\n").at(-1)!;
    expect(line).toBe(
      `Terms: ${terms.map((t) => `${t.term.zh} ${t.term.en}`).join(" · ")} — /glossary <term>`,
    );
  });

  it("keeps the line short whatever the number of terms, and leaves it out without terms", () => {
    const many = app.services.index.course.glossary.slice(0, 20);
    const line = termsLine(many, "en");
    expect(line.length).toBeLessThanOrEqual(TERMS_LINE_CHARS);
    expect(line.split(" · ").length).toBeLessThanOrEqual(4);
    expect(termsLine([], "en")).toBe("");
    expect(termsLine(many.slice(0, 1), "zh")).toBe(
      `术语：${many[0].term.zh} ${many[0].term.en} — /glossary <术语>`,
    );
  });
});
