// The tutor: answers a learner's question from the course notes. Order of work: classify the
// request in code (answer-seeking while a quiz or channel-round question is open, prompt/key extraction,
// off-topic), retrieve passages, decide whether the notes cover it, then either quote the notes
// (offline) or ask the model within the learner's budget, check its output for leaks, secrets
// and mentions, and log usage. Any model failure ends in the labelled offline answer.
import type { Actor } from "../actor";
import type { Ctx } from "../commands/types";
import type { Question } from "../content/schema";
import { UserError } from "../errors";
import { bi, tr, type Locale } from "../i18n";
import type { UsageOutcome } from "../ports/tutor";
import type { Reply } from "../reply";
import {
  addTokens,
  canSpend,
  refreshed,
  refund,
  spend,
  view,
  type BudgetConfig,
  type BudgetView,
} from "./budget";
import { classifyRequest } from "./classify";
import { pickContext } from "./context";
import { coverage, keepStrong, MIN_COVERAGE } from "./coverage";
import type { AskOutcome } from "../ports/dashboard";
import { isFollowUp } from "./followup";
import { checkLeak } from "./leak-check";
import { findOpenQuestions } from "./open-questions";
import { echoesPrompt, revealsSecret } from "./prompt-echo";
import { examDecision, openRefusal, outputForms } from "./exam-mode";
import { redactPassages } from "./exam-redact";
import { createStreamGuard } from "./stream-guard";
import type { LlmPort } from "./llm";
import { extractiveAnswer } from "./offline";
import { answeredFollowUp } from "./offline-follow-up";
import { sectionLabel } from "./passages";
import { PROMPT_MARKER, buildMessages, citedNumbers } from "./prompt";
import { tutorReply, type AnswerMode } from "./render";
import { searchNotes } from "./notes-search";
import type { Embedder, Retrieved, Retriever, RetrieveOptions } from "./retriever";
import { detectLanguage } from "./segment";
import { neutraliseMentions, scrubSecrets } from "./sanitize";
import { smallTalkKind, smallTalkReply } from "./small-talk";
import { correctAnswerText } from "../grading/grade";
import { moduleFor } from "../question-types/registry";
import type { Clock } from "../clock";
import type { Store } from "../ports/store";
import { bilingual, msg } from "../messages/catalogue";

export interface TutorDeps {
  store: Store;
  clock: Clock;
  retriever: Retriever;
  llm?: LlmPort;
  embedder?: Embedder;
  budget: BudgetConfig;
  /** Values that must never appear in a reply (keys, tokens). */
  secrets?: readonly string[];
  historyTurns?: number;
  /** Minimum time between two progress updates of a streamed answer (default 1000 ms). */
  progressIntervalMs?: number;
  /** Wall-clock milliseconds, for latency and progress throttling. */
  now?: () => number;
  /** Overall deadline for one /ask (embeddings and the model answer, retries included; default 20 s, TUTOR_TIMEOUT_SECONDS). */
  timeoutMs?: number;
  /** Makes the /ask's deadline signal (default AbortSignal.timeout); tests pass one they control. */
  deadline?: (ms: number) => AbortSignal;
}

/** Streaming: called with the answer so far, at most once per progressIntervalMs; awaited in order. */
export type ProgressFn = (partial: Reply) => void | Promise<void>;

export interface TutorService {
  readonly mode: "llm" | "offline";
  ask(ctx: Ctx, question: string, opts?: { onProgress?: ProgressFn }): Promise<Reply>;
  about(ctx: Ctx, questionId: string): Promise<Reply>;
  /** The learner's budget now (for /progress). */
  budgetLeft(learnerId: string): Promise<BudgetView>;
  retrieve(query: string, opts?: RetrieveOptions): Promise<Retrieved[]>;
}

export const MAX_QUESTION = 1000;
/** Passages searched: the model gets the first PROMPT_PASSAGES; the offline answer re-ranks them all. */
const CANDIDATES = 8;
const PROMPT_PASSAGES = 5;

export function threadKeyOf(actor: Actor): string {
  return actor.threadId
    ? `t:${actor.threadId}`
    : actor.channelId
      ? `c:${actor.channelId}`
      : "direct";
}

/** The correct answer in words (no display letters: they differ between sessions). */
function sectionTitle(ctx: Ctx, q: Question, locale: Locale): string {
  return ctx.index.section(q.lesson, q.section)?.title[locale] ?? "";
}

function answerText(q: Question, locale: Locale): string {
  const type = moduleFor(q.type);
  return tr(type.answerWords?.(q) ?? correctAnswerText(q, q.id), locale);
}

export function createTutor(deps: TutorDeps): TutorService {
  const now = deps.now ?? Date.now;
  const interval = deps.progressIntervalMs ?? 1000;
  const historyTurns = deps.historyTurns ?? 6;

  async function budgetState(learnerId: string, at: Date) {
    const prev = await deps.store.tutor.getBudget(learnerId);
    return { prev, cur: refreshed(prev, at, deps.budget) };
  }

  // What became of the /ask being answered, per request: the last usage outcome logged for it
  // (or "not-covered") and the quiz question open meanwhile. Recorded once the answer is out.
  const asked = new WeakMap<Ctx, { outcome: AskOutcome | null; openQuestionId: string | null }>();

  /** Applies a change to the budget with an optimistic write, retrying if another request won. */
  async function updateBudget(
    ctx: Ctx,
    change: (s: ReturnType<typeof refreshed>) => ReturnType<typeof refreshed> | undefined,
  ) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { prev, cur } = await budgetState(ctx.learner.id, ctx.clock.now());
      const next = change(cur);
      if (!next) return { ok: false, state: cur };
      if (await ctx.store.tutor.saveBudget(ctx.learner.id, prev, next))
        return { ok: true, state: next };
    }
    return { ok: false, state: (await budgetState(ctx.learner.id, ctx.clock.now())).cur };
  }

  async function logUsage(
    ctx: Ctx,
    outcome: UsageOutcome,
    started: number,
    tokensIn = 0,
    tokensOut = 0,
    model = deps.llm?.model ?? "offline",
  ) {
    const note = asked.get(ctx);
    if (note) note.outcome = outcome;
    if (tokensIn) ctx.metrics?.llmTokens.inc({ direction: "prompt", model }, tokensIn);
    if (tokensOut) ctx.metrics?.llmTokens.inc({ direction: "completion", model }, tokensOut);
    await ctx.store.tutor.recordUsage({
      learnerId: ctx.learner.id,
      model,
      tokensIn,
      tokensOut,
      latencyMs: Math.max(0, Math.round(now() - started)),
      outcome,
      createdAt: ctx.clock.now(),
    });
  }

  /** The notes search, with embeddings when configured and the budget allows (see notes-search.ts). */
  function retrieveFor(
    ctx: Ctx,
    query: string,
    opts: RetrieveOptions,
    deadline: AbortSignal,
    started: number,
  ): Promise<Retrieved[]> {
    return searchNotes({
      retriever: deps.retriever,
      embedder: deps.embedder,
      query,
      opts,
      deadline,
      timeoutMs: deps.timeoutMs ?? 20_000,
      hooks: {
        mayEmbed: async () =>
          canSpend((await budgetState(ctx.learner.id, ctx.clock.now())).cur, deps.budget),
        embedded: async ({ model, queryTokens, corpusTokens, ok, error }) => {
          if (!ok) ctx.logger.warn({ err: error, model }, "embeddings failed; using BM25 only");
          else ctx.logger.info({ model, queryTokens, corpusTokens }, "embeddings");
          // The question's tokens are the learner's; embedding the course is a shared, one-off
          // cost (cached afterwards): logged without a learner, so the cost report still shows it.
          if (queryTokens) await updateBudget(ctx, (s) => addTokens(s, queryTokens));
          if (queryTokens || !ok)
            await logUsage(ctx, ok ? "ok" : "error", started, queryTokens, 0, model);
          if (corpusTokens) {
            ctx.metrics?.llmTokens.inc({ direction: "prompt", model }, corpusTokens);
            await ctx.store.tutor.recordUsage({
              learnerId: null,
              model,
              tokensIn: corpusTokens,
              tokensOut: 0,
              latencyMs: Math.max(0, Math.round(now() - started)),
              outcome: "ok",
              createdAt: ctx.clock.now(),
            });
          }
        },
      },
    });
  }

  /** The one reply to a guess, an answer request or a blocked answer while a question is open (exam-mode.ts). */
  function hintFor(ctx: Ctx, q: Question, locale: Locale): string {
    return openRefusal(sectionLabel(ctx.index, `${q.lesson}#${q.section}`, locale), locale);
  }

  async function ask(
    ctx: Ctx,
    raw: string,
    opts: { onProgress?: ProgressFn } = {},
  ): Promise<Reply> {
    const note = { outcome: null as AskOutcome | null, openQuestionId: null as string | null };
    asked.set(ctx, note);
    try {
      return await answerAsk(ctx, raw, opts);
    } finally {
      asked.delete(ctx);
      // Small talk and malformed questions log no usage and are not instructor material.
      if (note.outcome)
        await ctx.store.tutor
          .recordAsk({
            learnerId: ctx.learner.id,
            platform: ctx.actor.platform,
            workspaceId: ctx.actor.workspaceId,
            text: raw.normalize("NFC").trim(),
            outcome: note.outcome,
            openQuestionId: note.openQuestionId,
            createdAt: ctx.clock.now(),
          })
          .catch((e) => ctx.logger.warn({ err: String(e) }, "tutor question not logged"));
    }
  }

  async function answerAsk(
    ctx: Ctx,
    raw: string,
    opts: { onProgress?: ProgressFn } = {},
  ): Promise<Reply> {
    const text = raw.normalize("NFC").trim();
    if (!text) throw new UserError(bilingual("tutor.service.pleaseTypeAQuestion"), "empty");
    if (text.length > MAX_QUESTION)
      throw new UserError(
        bilingual("tutor.service.thatQuestionIsToo", { MAX_QUESTION }),
        "too_long",
      );
    const started = now();
    const locale: Locale = detectLanguage(text) ?? ctx.locale;
    const threadKey = threadKeyOf(ctx.actor);
    const learnerId = ctx.learner.id;
    const talk = smallTalkKind(text);
    if (talk)
      return {
        title: msg(locale, "tutor.service.tutor"),
        text: smallTalkReply(talk, locale),
        tone: "info",
      };

    // Open: the learner's quiz question and any channel-round question they could still answer.
    const open = await findOpenQuestions(ctx);
    const openQ = open.primary;
    const note = asked.get(ctx);
    if (note) note.openQuestionId = openQ?.id ?? null;
    const answers = await ctx.store.answers.listByLearner(learnerId);
    // Exam mode (exam-mode.ts): guesses are refused alike, whichever candidate they name; a
    // message naming the question answered before is about that one.
    const exam = examDecision(
      text,
      open.all,
      answers.some((a) => !open.ids.has(a.questionId)),
    );
    const forms = outputForms(open.all, exam.aboutPrevious);
    const kind = classifyRequest(text, !!openQ && !exam.aboutPrevious, exam.refuse);
    if (kind !== "ok") {
      await logUsage(ctx, "refused", started, 0, 0, "-");
      const body =
        kind === "answer-request"
          ? hintFor(ctx, openQ!, locale)
          : kind === "secrets"
            ? tr(bilingual("tutor.service.refuseSecrets"), locale)
            : tr(bilingual("tutor.service.offTopic"), locale);
      return tutorReply({ index: ctx.index, locale, mode: "refused", body });
    }

    // One deadline for the whole /ask: embeddings and the model answer share it.
    const timeoutMs = deps.timeoutMs ?? 20_000;
    const deadline = (deps.deadline ?? ((ms: number) => AbortSignal.timeout(ms)))(timeoutMs);
    const deadlineAt = Date.now() + timeoutMs;
    const answeredIds = answers.map((a) => a.questionId);
    let turns = await ctx.store.tutor.recentTurns(learnerId, threadKey, historyTurns);
    const inThread = !!ctx.actor.threadId && turns.length > 0;
    if (!turns.length && ctx.actor.threadId && ctx.actor.channelId)
      turns = await ctx.store.tutor.recentTurns(
        learnerId,
        `c:${ctx.actor.channelId}`,
        historyTurns,
      );
    const followUp = isFollowUp(text) || exam.aboutPrevious;
    // The question the conversation is about (the thread's, else the one answered last). A
    // follow-up ("why?", "那为什么") is about it; so is anything asked in that question's thread.
    const picked = pickContext({ turns, answers, openIds: open.ids, inThread });
    const contextQ =
      picked && (followUp || (inThread && picked.source === "thread"))
        ? ctx.index.question(picked.questionId)
        : undefined;
    const lastUser = [...turns].reverse().find((t) => t.role === "user")?.content ?? "";
    const ropts: RetrieveOptions = {
      k: CANDIDATES,
      answered: new Set(answeredIds),
      exclude: open.ids.size ? open.ids : undefined,
      // A follow-up says little by itself: search with the question it is about (else the last
      // message) too, at a lower weight than its own words (see retriever.ts).
      context: followUp ? (contextQ ? contextQ.prompt[locale] : lastUser) || undefined : undefined,
    };
    // "Explain this question's topic": point the search at the open question's section (its
    // title only; never its answer or explanation).
    let query = text;
    let topic: string | undefined;
    if (openQ && /\b(this|the) (question|topic|quiz)\b|这(道|个)?题|本题|知识点/i.test(text))
      query = `${text} ${(topic = `${sectionTitle(ctx, openQ, locale)} ${tr(ctx.index.topics.get(openQ.topic)?.name ?? bi("", ""), locale)}`)}`;
    const found = await retrieveFor(ctx, query, ropts, deadline, started);
    let passages = keepStrong(found);
    // The gate judges the words searched for; "explain this question's topic" is judged on the topic.
    const gateQuery = topic ?? (ropts.context ? `${query} ${ropts.context}` : query);
    const covered = coverage(gateQuery, passages, deps.retriever.vocabulary) >= MIN_COVERAGE;
    // Exam mode: the offline answer and the model work from the notes minus the sentences that
    // bear an open question's answer (the gate above judged the whole notes: whether they cover
    // the question must not depend on the key).
    const examForms = open.all.map((o) => o.forms);
    if (examForms.length) passages = redactPassages(passages, examForms);
    // The offline answer re-ranks every candidate itself (offline.ts): a glossary entry scoring
    // far above the section that explains it must not push that section out.
    const candidates = examForms.length ? redactPassages(found, examForms) : found;

    if (!covered) {
      await logUsage(ctx, "refused", started, 0, 0, "-");
      if (note) note.outcome = "not-covered";
      const near = [...new Set(passages.map((p) => p.lessonId).filter((l): l is string => !!l))]
        .slice(0, 2)
        .map((l) => ctx.index.lessons.get(l)!)
        .filter(Boolean);
      const names = near
        .map((l) =>
          msg(locale, "tutor.service.nearLesson", {
            order: l.order,
            title: l.title[locale],
          }),
        )
        .join(msg(locale, "common.enumJoin"));
      const nearest = names
        ? msg(locale, "tutor.service.nearestLessons", { names })
        : msg(locale, "tutor.service.seeTopics");
      const body = msg(locale, "tutor.service.notCovered", { nearest });
      return tutorReply({ index: ctx.index, locale, mode: "not-covered", body });
    }

    const remember = async (answer: string) => {
      // A turn carries the question it was about (none for a question of its own), so the next
      // follow-up finds it; a newer answer or a newer unrelated turn takes over (context.ts).
      const about = contextQ?.id ?? null;
      await ctx.store.tutor.addTurn(learnerId, threadKey, {
        role: "user",
        content: text,
        questionId: about,
        createdAt: ctx.clock.now(),
      });
      await ctx.store.tutor.addTurn(learnerId, threadKey, {
        role: "assistant",
        content: answer.slice(0, 4000),
        questionId: about,
        createdAt: ctx.clock.now(),
      });
    };
    const offline = async (
      mode: AnswerMode,
      budget?: BudgetView,
      outcome: UsageOutcome = "offline",
    ) => {
      // "why?" about the question just answered: what the verdict did not already show.
      const ex =
        (followUp &&
          contextQ &&
          answeredFollowUp({
            question: contextQ,
            answer: answerText(contextQ, locale),
            asked: text,
            retriever: deps.retriever,
            locale,
            vocab: deps.retriever.vocabulary,
          })) ||
        extractiveAnswer(gateQuery, candidates, locale, 3, deps.retriever.vocabulary);
      const body = ex.text;
      if (forms && checkLeak(body, forms).leaked) {
        await logUsage(ctx, "leak-blocked", started, 0, 0, "offline");
        return tutorReply({
          index: ctx.index,
          locale,
          mode: "refused",
          body: hintFor(ctx, openQ!, locale),
        });
      }
      await remember(body);
      if (mode !== "fallback") await logUsage(ctx, outcome, started, 0, 0, "offline");
      return tutorReply({
        index: ctx.index,
        locale,
        mode,
        body: neutraliseMentions(body),
        used: ex.used,
        budget,
      });
    };

    if (!deps.llm) return offline("offline");
    passages = passages.slice(0, PROMPT_PASSAGES);
    const reserved = await updateBudget(ctx, (s) =>
      canSpend(s, deps.budget) ? spend(s) : undefined,
    );
    if (!reserved.ok) return offline("budget", view(reserved.state, deps.budget), "budget");

    const messages = buildMessages({
      locale,
      courseTitle: tr(ctx.index.course.title, locale),
      passages,
      history: turns,
      question: text,
      openTopic: openQ
        ? tr(ctx.index.topics.get(openQ.topic)?.name ?? bi(openQ.topic, openQ.topic), locale)
        : undefined,
      context: contextQ
        ? { question: contextQ, answerText: answerText(contextQ, locale) }
        : undefined,
    });
    const clean = (s: string) =>
      neutraliseMentions(scrubSecrets(s, deps.secrets ?? [], PROMPT_MARKER).text);
    // Output that repeats a long stretch of the rules is an echo of the prompt (marker or not).
    const echoes = (s: string) =>
      revealsSecret(s, deps.secrets ?? []) ||
      echoesPrompt(s, messages[0].content, [
        tr(ctx.index.course.title, locale),
        ...(openQ ? [tr(ctx.index.topics.get(openQ.topic)?.name ?? bi("", ""), locale)] : []),
      ]);
    // Streaming shows only checked text, and complete sentences while a question is open; see stream-guard.ts.
    const guard = createStreamGuard(
      (s) => (!!forms && checkLeak(s, forms).leaked) || echoes(s),
      open.all.flatMap((o) => [...o.forms.texts, ...(o.forms.statement?.text ?? [])]),
      { sentences: !!forms },
    );
    let lastSent = -Infinity;
    let shownSoFar = "";
    let chain: Promise<void> = Promise.resolve();
    const onDelta = opts.onProgress
      ? (soFar: string) => {
          if (guard.blocked) return;
          // Every prefix is checked (a leak blocks the stream at once); updates are throttled.
          const shown = guard.visible(soFar);
          const t = now();
          if (t - lastSent < interval) return;
          if (!shown || shown === shownSoFar) return;
          lastSent = t;
          shownSoFar = shown;
          const partial: Reply = {
            title: msg(locale, "tutor.service.tutor"),
            text: `${clean(shown)} …`,
            tone: "info",
          };
          chain = chain
            .then(() => opts.onProgress!(partial))
            .catch((e) => ctx.logger.warn({ err: String(e) }, "progress update failed"));
        }
      : undefined;

    let result: Awaited<ReturnType<typeof deps.llm.complete>>;
    try {
      result = await deps.llm.complete(messages, {
        stream: !!opts.onProgress,
        onDelta,
        signal: deadline,
        deadlineAt,
      });
    } catch (e) {
      await chain;
      const after = await updateBudget(ctx, (s) => refund(s, deps.budget));
      ctx.logger.warn(
        { err: e instanceof Error ? e.message : String(e), model: deps.llm.model },
        "tutor model failed; answering offline",
      );
      await logUsage(ctx, "error", started);
      return offline("fallback", view(after.state, deps.budget));
    }
    await chain;

    const scrubbed = scrubSecrets(result.text, deps.secrets ?? [], PROMPT_MARKER);
    let body = scrubbed.text.trim();
    let outcome: UsageOutcome = "ok";
    if (forms && (guard.blocked || checkLeak(body, forms).leaked)) {
      body = hintFor(ctx, openQ!, locale);
      outcome = "leak-blocked";
    }
    if (scrubbed.markerLeaked || echoes(body)) {
      body = tr(bilingual("tutor.service.refuseInstructions"), locale);
      outcome = "refused";
    }
    if (!body) {
      body = extractiveAnswer(gateQuery, passages, locale, 3, deps.retriever.vocabulary).text;
      outcome = "error";
    }
    body = neutraliseMentions(body);
    const cited = citedNumbers(body, passages.length);
    // Sources are the passages the answer cites; an answer citing none lists them as related notes.
    const used = outcome === "ok" ? passages.filter((_, i) => cited.includes(i + 1)) : [];
    const related = outcome === "ok" && !used.length ? passages.slice(0, 3) : undefined;
    // Renumber citations so "[3]" in the text matches the third line of the Sources list.
    const renumber = new Map(cited.map((n, i) => [n, i + 1]));
    if (cited.length && outcome === "ok")
      body = body.replace(
        /\[(\d+(?:\s*[,，]\s*\d+)*)\]/g,
        (_m, g: string) =>
          `[${g
            .split(/[,，]/)
            .map((s) => renumber.get(Number(s.trim())) ?? s.trim())
            .join("][")}]`,
      );
    const after = await updateBudget(ctx, (s) => addTokens(s, result.tokensIn + result.tokensOut));
    await logUsage(ctx, outcome, started, result.tokensIn, result.tokensOut, result.model);
    // A blocked answer looks exactly like a refused guess: same words, same kind of reply.
    if (outcome === "leak-blocked")
      return tutorReply({ index: ctx.index, locale, mode: "refused", body });
    await remember(body);
    return tutorReply({
      index: ctx.index,
      locale,
      mode: "llm",
      body,
      used,
      related,
      budget: view(after.state, deps.budget),
    });
  }

  async function about(ctx: Ctx, questionId: string): Promise<Reply> {
    const q = ctx.index.question(questionId);
    if (!q) throw new UserError(bilingual("tutor.service.thatQuestionIsNo"), "question_gone");
    if (!(await ctx.store.answers.hasAnswered(ctx.learner.id, q.id)))
      throw new UserError(bilingual("tutor.service.answerThatQuestionFirst"), "not_answered");
    const invite = ctx.msg("tutor.service.talkAboutQuestion", {
      prompt: q.prompt[ctx.locale].slice(0, ctx.locale === "zh" ? 120 : 160),
    });
    await ctx.store.tutor.addTurn(ctx.learner.id, threadKeyOf(ctx.actor), {
      role: "assistant",
      content: invite,
      questionId: q.id,
      createdAt: ctx.clock.now(),
    });
    const footer = deps.llm
      ? tutorReply({
          index: ctx.index,
          locale: ctx.locale,
          mode: "llm",
          body: "",
          budget: await budgetLeft(ctx.learner.id),
        }).footer
      : undefined;
    return { title: ctx.msg("tutor.service.tutor"), text: invite, footer, tone: "info" };
  }

  async function budgetLeft(learnerId: string): Promise<BudgetView> {
    return view((await budgetState(learnerId, deps.clock.now())).cur, deps.budget);
  }

  return {
    mode: deps.llm ? "llm" : "offline",
    ask,
    about,
    budgetLeft,
    retrieve: async (query, opts) =>
      deps.embedder
        ? deps.retriever.retrieveHybrid(query, deps.embedder, opts)
        : deps.retriever.retrieve(query, opts),
  };
}
